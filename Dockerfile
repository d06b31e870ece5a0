# syntax=docker/dockerfile:1
#
# The rudder image: `rudder controller` (see manifests/04-deployment.yaml).
#
#   docker build -t ghcr.io/rudder-dev/rudder:latest .
#
# The binary links the Swift runtime and Foundation in (--static-swift-stdlib); glibc,
# libstdc++, libcurl (chart downloads, the API client) and zlib come from the runtime
# image. Both stages are Debian bookworm, so the glibc symbols the binary was linked
# against are the ones it finds at run time (the default swift:6.3 image is Ubuntu, whose
# newer glibc bookworm does not have).

FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcurl4-openssl-dev zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The manifest first: resolving dependencies is cached until Package.swift changes.
COPY Package.swift ./
RUN swift package resolve
COPY . .
# Swift 6.3's static Foundation archives do not bring in what they depend on (SwiftPM issue
# 10564: undefined swift_u* and kCF* symbols at the link), so they are named again, as one
# group the linker rescans, after everything else. Checked on 6.3.1: the binary then links
# and needs no Swift library at run time.
RUN group="-Xlinker --start-group" \
 && for lib in Foundation FoundationEssentials FoundationInternationalization CoreFoundation \
               _FoundationICU _FoundationCShims _FoundationCollections dispatch BlocksRuntime; do \
      group="$group -Xlinker -l$lib"; \
    done \
 && swift build -c release --static-swift-stdlib --product rudder $group -Xlinker --end-group \
 && install -D -m 0755 "$(swift build -c release --show-bin-path)/rudder" /out/rudder

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcurl4 zlib1g libstdc++6 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 65532 rudder \
 && useradd --uid 65532 --gid 65532 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin rudder \
 && install -d -o 65532 -g 65532 /cache
COPY --from=build /out/rudder /usr/local/bin/rudder
# Numeric, so the kubelet can verify runAsNonRoot without reading /etc/passwd.
USER 65532:65532
EXPOSE 8080 8081
ENTRYPOINT ["/usr/local/bin/rudder"]
CMD ["controller", "--leader-elect", "--metrics-addr=:8080", "--health-addr=:8081", "--cache-dir=/cache"]
