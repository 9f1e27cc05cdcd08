# The two commands that do everything on a fresh machine: `make demo` and `make test`.
.PHONY: all setup build test demo bench clean

all: build

setup:
	scripts/setup.sh

build: setup
	scripts/build.sh

test:
	scripts/setup.sh --test
	scripts/build.sh
	scripts/test.sh

demo: build
	node examples/demo.mjs

clean:
	rm -rf pkg target/bindgen tests/.work
