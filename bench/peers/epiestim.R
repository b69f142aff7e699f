# R's EpiEstim side of bench/peers (issue 8, item 3); peers.py runs it when Rscript and
# library(EpiEstim) are there:
#
#   Rscript bench/peers/epiestim.R DIR TARGET_SECONDS MIN_REPS MAX_REPS WARMUP
#
# DIR holds rt-KEY.incidence and rt-KEY.si (one number a line) for each series KEY listed in
# DIR/rt-keys; writes DIR/rt-KEY.epiestim.csv (every window, full precision) and
# DIR/epiestim-timings.csv. The timed call is the one an analyst makes:
#   estimate_R(incid, method = "non_parametric_si",
#              config = make_config(list(si_distr = si, t_start = 2:(T-6), t_end = 8:T)))
# timed with Sys.time() (microseconds on Linux): warm-up (one call, more while they fit in
# min(0.2, TARGET / 5) s, up to WARMUP), repeats, median, as peers.py does.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
target <- as.numeric(args[2])
min_reps <- as.integer(args[3])
max_reps <- as.integer(args[4])
warmup <- as.integer(args[5])
suppressPackageStartupMessages(library(EpiEstim))

now <- function() as.numeric(Sys.time())
keys <- readLines(file.path(dir, "rt-keys"))
timings <- character()
for (key in keys) {
  incid <- as.numeric(readLines(file.path(dir, paste0("rt-", key, ".incidence"))))
  si <- as.numeric(readLines(file.path(dir, paste0("rt-", key, ".si"))))
  n <- length(incid)
  call <- function() {
    suppressWarnings(estimate_R(incid, method = "non_parametric_si",
                                config = make_config(list(si_distr = si, t_start = 2:(n - 6), t_end = 8:n))))
  }
  t0 <- now()
  res <- call()
  warm <- 1
  while (warm < warmup && now() - t0 < min(0.2, target / 5)) {
    res <- call()
    warm <- warm + 1
  }
  per_call <- (now() - t0) / warm
  reps <- max(min_reps, min(max_reps, ceiling(target / max(per_call, 1e-9))))
  times <- numeric(reps)
  for (i in seq_len(reps)) {
    t0 <- now()
    res <- call()
    times[i] <- now() - t0
  }
  r <- res$R
  lines <- sprintf("%d,%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g",
                   as.integer(r$t_start), as.integer(r$t_end), r[["Mean(R)"]], r[["Std(R)"]],
                   r[["Quantile.0.025(R)"]], r[["Quantile.0.05(R)"]], r[["Quantile.0.25(R)"]],
                   r[["Median(R)"]], r[["Quantile.0.75(R)"]], r[["Quantile.0.95(R)"]],
                   r[["Quantile.0.975(R)"]])
  writeLines(c("tStart,tEnd,mean,std,q025,q05,q25,median,q75,q95,q975", lines),
             file.path(dir, paste0("rt-", key, ".epiestim.csv")))
  timings <- c(timings, sprintf("%s,%.9g,%.9g,%d", key, median(times), min(times), reps))
  message(sprintf("  EpiEstim rt-%s: median %.3f ms over %d", key, median(times) * 1e3, reps))
}
writeLines(c(paste0("version,", as.character(packageVersion("EpiEstim")), ",", R.version$major, ".", R.version$minor),
             "key,median,min,reps", timings),
           file.path(dir, "epiestim-timings.csv"))
