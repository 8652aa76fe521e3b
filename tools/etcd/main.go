// Command etcd is etcd's own server main, built from the go.etcd.io/etcd/server/v3 module pinned
// in go.mod (that module's replace directives make `go install` of it fail).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
