// Package e2e holds the end-to-end tests of the built site: every page of
// the example opened in headless Chromium from the folder (file://) and from
// a local web server, checked as a reader would see it. It has no code of
// its own; the tests are in e2e_test.go.
package e2e
