# Multi-stage build of a static, non-root Rebound image. The build step is scripts/build-static.sh,
# which the test suite also runs (no Docker engine is needed to check it).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN ./scripts/build-static.sh /out/rebound
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/rebound /usr/local/bin/rebound
# The SQLite default needs a writable data directory owned by the non-root user (65532); with
# DATABASE_URL set it stays empty.
COPY --from=build --chown=65532:65532 /out/data /var/lib/rebound
USER nonroot:nonroot
ENV REBOUND_ADDR=:8080 REBOUND_DATA_DIR=/var/lib/rebound
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/rebound"]
CMD ["serve"]
