# Shortcuts for the npm scripts; each sets the checkout up first when needed.
.PHONY: setup conformance test bench netns clean

setup:
	npm run setup

conformance:
	npm run conformance

test:
	npm test

bench:
	npm run bench

netns:
	npm run conformance -- --target netns

clean:
	rm -rf reports
