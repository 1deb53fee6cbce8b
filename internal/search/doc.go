// Package search builds the site's offline search index: static script
// files that a page loads, by adding <script> elements, only when its
// search box is used, so that it works from file:// with no server and no
// fetch. Texts are indexed by character bigrams (Chinese has no spaces to
// split words at), in segments (a month's texts each) whose files are
// named by what they are made of, so a rebuild writes only the segments
// that changed; within a segment the bigrams are split into buckets by a
// hash, so a query loads only the buckets of its bigrams and the chunks of
// documents it shows. templates/assets/search.js is the other half: it
// normalises and hashes text exactly as Normalize and Hash do.
package search
