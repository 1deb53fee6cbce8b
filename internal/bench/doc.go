// Package bench measures plansite's build against the floor of its work,
// which is opening and reading the workbooks: on generated data sets of
// several sizes it times, in one run, the floor, a full build without
// cache and a rebuild after one workbook changed, and reports their
// ratios, the peak memory, the pages written per second and the output's
// size. Builds run as child processes, so that each one's peak memory is
// its own. Figures are ratios of the same run; no test asserts a time.
package bench
