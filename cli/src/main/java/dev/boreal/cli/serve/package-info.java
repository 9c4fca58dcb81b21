/**
 * {@code boreal serve}: the HTTP scoring service. {@link dev.boreal.cli.serve.ScoringServer} routes and
 * answers requests; {@code RowsRequest} reads and checks request bodies; {@code Responses} writes the JSON
 * answers.
 */
package dev.boreal.cli.serve;
