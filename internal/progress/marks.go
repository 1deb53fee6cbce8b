package progress

// ShowUnreported reports whether a task in status s whose leads handed in
// no row for the month (reported false) carries the mark 本月未报 beside
// its light: not beside 已完成, where nothing is left to report, nor
// beside 未报送, which says so already.
func ShowUnreported(s Status, reported bool) bool {
	return !reported && s != Done && s != NoReport
}
