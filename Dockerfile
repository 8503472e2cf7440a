# syntax=docker/dockerfile:1
#
# Safe Haven's images for the distributed deployment (docker-compose.yml), from one build:
#   --target services  (the default, last stage): ./safehaven's classpath on a JRE 17; each container runs one
#                      service with `serve SERVICE` (bootstrap, ingest, streams, indexer, api, dashboard).
#   --target flink-job: the Flink image at the pom's flink.version with the job jar in usrlib, for the
#                      JobManager (application mode) and the TaskManagers.
# Java 17 everywhere, as the build's --release 17 (ComposeFileTest checks every FROM line).

# ---- build: the same Maven build as a developer's, tests left to CI ----
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# mdep.skip: the embedded stack's Elasticsearch and Apicurio downloads (runtime/pom.xml) are not needed in an
# image whose services talk to the real clusters. The second call copies ./safehaven's runtime classpath.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -DskipTests -Dmdep.skip=true -pl runtime,flink -am install \
 && mvn -B -ntp -pl runtime dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp runtime/target/safehaven-runtime-*.jar /out/lib/ \
 && mkdir -p /out/flink && cp flink/target/safehaven-flink-*-job.jar /out/flink/safehaven-flink-job.jar

# ---- the Flink job image: Flink itself stays provided by the image, as in the job jar ----
FROM flink:2.2.1-java17 AS flink-job
# curl for the compose health checks; the image's entrypoint still drops to the flink user.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/flink/safehaven-flink-job.jar /opt/flink/usrlib/safehaven-flink-job.jar
# The built-in policy file; docker-compose.yml mounts ./policy over it so oversight bodies change it without a rebuild.
COPY policy/ /opt/safehaven/policy/

# ---- the services image (default target) ----
FROM eclipse-temurin:17.0.15_6-jre-jammy AS services
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 safehaven \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/safehaven --shell /usr/sbin/nologin safehaven \
 && mkdir -p /var/lib/safehaven /opt/safehaven \
 && chown safehaven:safehaven /var/lib/safehaven
COPY --from=build /out/lib/ /opt/safehaven/lib/
COPY policy/ /opt/safehaven/policy/
# The working directory holds policy/safehaven-policy.yml, where the policy loader looks by default.
WORKDIR /opt/safehaven
USER 10001:10001
# The data directory (dataDir): dedup store, Streams state, alive files; a volume in docker-compose.yml.
ENV SAFEHAVEN_DATA_DIR=/var/lib/safehaven
VOLUME ["/var/lib/safehaven"]
ENTRYPOINT ["java", "-cp", "/opt/safehaven/lib/*", "org.safehaven.runtime.Main"]
CMD ["--help"]
