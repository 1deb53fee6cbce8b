// Package officetest opens files the way the section's office programs
// do, for tests: LibreOffice (soffice) converts a workbook or a document
// to PDF, LibreOffice and Gnumeric save a workbook again, and poppler's
// pdftotext reads the text back. Where a tool is
// missing the test is skipped on a developer's machine and fails under
// CI=true, since .ci/run installs them.
package officetest
