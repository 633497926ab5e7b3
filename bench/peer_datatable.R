#!/usr/bin/env Rscript
# The eduqb district summary (national-2017) in R data.table, for bench/run.
#
#   Rscript bench/peer_datatable.R FILE.csv > summary.csv
#
# Same output as `eduqb compute FILE --profile national-2017 --format csv`: one row per
# district/year/stage and indicator (plus the composite) with the district value
# X̄ = m·ΣR/ΣP, the student-weighted CV (divisor P), the limit verdicts and the per-school
# compliance counts. Combined schools are split 1 : 1.1 / 1 : 1.2 / 1 : 1.1 : 1.32 before
# scope and indicators; special-education and vocational schools, teaching points under 50
# students, senior sections and sections with no students are excluded and counted.

suppressPackageStartupMessages(library(data.table))
setDTthreads(0L)  # both cores

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1L) stop("usage: peer_datatable.R FILE.csv")

PROFILE <- "national-2017"
ind <- data.table(
  id = c("above_degree_per100", "backbone_per100", "pe_art_per100",
         "teaching_area_per_student", "sports_area_per_student", "equipment_per_student",
         "multimedia_per100"),
  column = c("teachers_above_degree", "teachers_backbone", "teachers_pe_art",
             "teaching_area_m2", "sports_area_m2", "equipment_value_yuan", "multimedia_rooms"),
  m = c(100, 100, 100, 1, 1, 1, 100),
  std_primary = c(4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3),
  std_junior = c(5.3, 1, 0.9, 5.8, 10.2, 2500, 2.4))
shared <- c("teaching_area_m2", "sports_area_m2", "equipment_value_yuan", "multimedia_rooms")
weights <- data.table(
  school_type = c("nine_year", "nine_year", "complete_middle", "complete_middle",
                  "twelve_year", "twelve_year", "twelve_year"),
  stage = c("primary", "junior", "junior", "senior", "primary", "junior", "senior"),
  w = c(1, 1.1, 1, 1.2, 1, 1.1, 1.32))
cv_limit <- c(primary = 0.50, junior = 0.45)
MIN_REACHED <- 6L
FLOOR <- 0.85
TOL <- 1e-9  # eduqb's boundary tolerance, relative to max(|threshold|, 1)
at_least <- function(x, threshold) x >= threshold - TOL * pmax(abs(threshold), 1)

numeric_cols <- c("students", ind$column)
dt <- fread(args[1], select = c("school_id", "district", "year", "school_type", "stage",
                                numeric_cols),
            colClasses = list(character = c("school_id", "district", "year"),
                              numeric = numeric_cols),
            na.strings = "", encoding = "UTF-8", showProgress = FALSE)

# Combined schools: each section gets w_s·P_s / Σ w_t·P_t of the whole-school total.
dt[weights, w := i.w, on = .(school_type, stage)]
dt[, .wp := w * students]
school_keys <- c("district", "year", "school_id")
if (!all(is.na(dt$w))) {
  schools <- dt[!is.na(w), c(list(.den = sum(.wp)), lapply(.SD, max, na.rm = TRUE)),
                by = school_keys, .SDcols = shared]  # max: the total the rows agree on
  for (col in shared) set(schools, i = which(is.infinite(schools[[col]])), j = col, value = NA_real_)
  dt[schools, (shared) := {
    share <- fifelse(i..den > 0, .wp / i..den, 0)
    lapply(mget(paste0("i.", shared)), `*`, share)
  }, on = school_keys]
}

# Scope: profile rules, then senior sections and sections with no students.
dt[, excluded := school_type %chin% c("special_education", "vocational") |
     (school_type == "teaching_point" & students < 50) | stage == "senior" |
     !(students > 0)]
excl <- dt[excluded == TRUE & stage %chin% c("primary", "junior"),
           .(excluded = .N), keyby = .(district, year, stage)]
ev <- dt[excluded == FALSE]

# Per-school indicators and standards.
junior <- ev$stage == "junior"
reached <- integer(nrow(ev))
below <- logical(nrow(ev))
for (k in seq_len(nrow(ind))) {
  x <- ev[[ind$column[k]]] / ev$students * ind$m[k]
  std <- fifelse(junior, ind$std_junior[k], ind$std_primary[k])
  reached <- reached + at_least(x, std)
  below <- below | !at_least(x, FLOOR * std)
  set(ev, j = paste0("X_", k), value = x)
}
ev[, compliant := as.integer(reached >= MIN_REACHED & !below)]

# District value X̄ = m·ΣR/ΣP per group, then Σ P_i (X_i − X̄)² (two passes; GForce sums
# over the groups, rows sorted by group so the group index of each row is a run id).
by_keys <- c("district", "year", "stage")
setkeyv(ev, by_keys)
ev[, .g := rleidv(ev, cols = by_keys)]
R_cols <- paste0("R_", seq_len(nrow(ind)))
g <- ev[, c(list(schools = .N), lapply(.SD, sum)), by = c(".g", by_keys),
        .SDcols = c("students", "compliant", ind$column)]
setnames(g, ind$column, R_cols)
g[, failing := schools - compliant]
for (k in seq_len(nrow(ind))) {
  mean_k <- ind$m[k] * g[[R_cols[k]]] / g$students
  set(ev, j = paste0("T_", k), value = ev$students * (ev[[paste0("X_", k)]] - mean_k[ev$.g])^2)
}
S <- ev[, lapply(.SD, sum), by = .g, .SDcols = paste0("T_", seq_len(nrow(ind)))]
set(g, j = paste0("S_", seq_len(nrow(ind))), value = as.list(S[, -1L]))
g[, .g := NULL]
g <- merge(g, excl, by = c("district", "year", "stage"), all = TRUE)
setnafill(g, fill = 0, cols = c("schools", "students", "compliant", "failing", "excluded"))

# Long table: one row per group and indicator, then the composite.
n <- nrow(g)
limit <- unname(cv_limit[g$stage])
group_pass <- g$failing == 0
cv_defined <- rep(TRUE, n)
cv_sum <- numeric(n)
parts <- vector("list", nrow(ind) + 1L)
for (k in seq_len(nrow(ind))) {
  value <- ind$m[k] * g[[paste0("R_", k)]] / g$students
  cv <- sqrt(pmax(g[[paste0("S_", k)]], 0) / g$students) / value
  reason <- fifelse(!(g$students > 0), "no_students",
            fifelse(g$schools < 2, "too_few_schools", fifelse(value == 0, "zero_mean", "")))
  value[!(g$students > 0)] <- NA_real_
  cv[reason != ""] <- NA_real_
  verdict <- fifelse(is.na(cv), "",
                     fifelse(cv <= limit + TOL * pmax(abs(limit), 1), "pass", "fail"))
  group_pass <- group_pass & verdict != "fail"
  cv_defined <- cv_defined & reason == ""
  cv_sum <- cv_sum + fifelse(is.na(cv), 0, cv)
  parts[[k]] <- list(ind$id[k], value, cv, reason, "<=", limit, verdict)
}
parts[[nrow(ind) + 1L]] <- list("composite", NA_real_,
                                fifelse(cv_defined, cv_sum / nrow(ind), NA_real_),
                                fifelse(cv_defined, "", "indicator_na"), "", NA_real_, "")
out <- rbindlist(lapply(seq_along(parts), function(i) {
  p <- parts[[i]]
  data.table(profile = PROFILE, district = g$district, year = g$year, stage = g$stage,
             schools = as.integer(g$schools), students = g$students,
             excluded = as.integer(g$excluded), indicator = p[[1]], value = p[[2]],
             cv = p[[3]], na_reason = p[[4]], limit_op = p[[5]], limit = p[[6]],
             pass = p[[7]], schools_compliant = as.integer(g$compliant),
             schools_failing = as.integer(g$failing),
             group_pass = fifelse(group_pass, "pass", "fail"), .order = i)
}))
setorderv(out, c("district", "year", "stage", ".order"), order = c(1L, 1L, -1L, 1L))
out[, .order := NULL]
fwrite(out, "", na = "", quote = "auto")
