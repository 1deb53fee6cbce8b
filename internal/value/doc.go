// Package value reads the values that people write by hand, in a workbook
// cell or a content file: dates and deadlines in their Chinese and ISO
// spellings, months, percentages and status words. Every parser folds
// full-width characters first and returns an error with a Chinese message
// that says what to write instead.
package value
