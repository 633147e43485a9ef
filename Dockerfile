# syntax=docker/dockerfile:1
# Passerelle image: Maven builds the app module and the modules it needs, a JRE runs the
# repackaged Spring Boot jar as a non-root user. Used by docker-compose.yml (docker compose up --build).

FROM maven:3.9.11-eclipse-temurin-21 AS build
WORKDIR /build
COPY . .
# The cache mount keeps the local Maven repository between builds (BuildKit, docker compose's default).
# Tests run outside the image; formatting is the developers' business, not the image build's.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -Dspotless.skip=true -pl app -am package

FROM eclipse-temurin:21.0.8_9-jre-noble
RUN groupadd --system --gid 10001 passerelle \
 && useradd --system --uid 10001 --gid passerelle --home-dir /app --no-create-home passerelle
WORKDIR /app
COPY --from=build --chown=10001:10001 /build/app/target/passerelle-app.jar /app/passerelle.jar
USER 10001:10001
# Never the development tools in the image (mailbox, engine clock: /dev/**), whatever the mode; the
# embedded engine's gRPC gateway stays on the container's loopback (PASSERELLE_ENGINE_ADDRESS unset)
ENV PASSERELLE_DEVELOPMENT_ENABLED=false
EXPOSE 8080
ENTRYPOINT ["java","-XX:MaxRAMPercentage=75","-jar","/app/passerelle.jar"]
