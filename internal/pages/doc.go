// Package pages turns the computed results of a build (Data) into the
// site's pages: one file per kind of page, each with its data type, and
// the one list of the site's sections, which gives the navigation and the
// folders a page of the content may not take (Reserved). It writes no
// file: site renders and publishes what Make returns.
package pages
