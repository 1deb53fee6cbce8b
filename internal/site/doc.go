// Package site knows plansite's pipeline and nothing else: load the
// content folder, read the inbox, compute the figures, have the pages made
// (package pages), render them and publish the site with summary.json and
// the search index. A Builder owns what serve and watch keep between
// builds; the page memo links unchanged files from the previous site.
package site
