// Command bench measures plansite's build against the floor of reading the
// workbooks, on generated data sets (make bench; see the README).
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/plansite/plansite/internal/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := bench.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
