# syntax=docker/dockerfile:1
# Passerelle image: Maven builds the app module and the modules it needs, a JRE runs the
# repackaged Spring Boot jar as a non-root user. Used by docker-compose.yml (docker compose up --build).
#
# The image runs remote mode (a Camunda 8.8 cluster): the embedded engine is for development,
# evaluation, tests and pilots (Camunda License 1.0), and the development tools are never on here.

FROM maven:3.9.11-eclipse-temurin-21 AS build
# Node.js and npm: the app's build copies bpmn-js and form-js (the diagrams and task forms of its
# pages) from npm into the jar. The BPMN lint, which also needs them, is the test suite's business,
# not the image's: skipped here (-Dbpmnlint.skip), as tests and formatting are.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY . .
# The cache mounts keep the local Maven repository and npm's cache between builds (BuildKit,
# docker compose's default).
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    mvn -B -q -DskipTests -Dspotless.skip=true -Dbpmnlint.skip=true -pl app -am package

FROM eclipse-temurin:21.0.8_9-jre-noble
RUN groupadd --system --gid 10001 passerelle \
 && useradd --system --uid 10001 --gid passerelle --home-dir /app --no-create-home passerelle
WORKDIR /app
COPY --from=build --chown=10001:10001 /build/app/target/passerelle-app.jar /app/passerelle.jar
USER 10001:10001
# Remote mode by default; never the development tools in the image (mailbox, engine clock:
# /dev/**), whatever the mode; should the embedded engine be chosen for a pilot, its gRPC gateway
# stays on the container's loopback (PASSERELLE_ENGINE_ADDRESS unset)
ENV PASSERELLE_ENGINE_MODE=remote \
    PASSERELLE_DEVELOPMENT_ENABLED=false
EXPOSE 8080
ENTRYPOINT ["java","-XX:MaxRAMPercentage=75","-XX:+ExitOnOutOfMemoryError","-jar","/app/passerelle.jar"]
