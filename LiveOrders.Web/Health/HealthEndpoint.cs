using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveOrders.Web.Health;

/// <summary>
/// <c>/health</c> for a load balancer and an operator: anonymous, JSON with one entry per check — <c>database</c>,
/// <c>leases</c>, <c>feed</c>. 200 while healthy or degraded (a node with its database serves pages), 503 when the
/// database does not answer. It says what is up and which jobs run here, and nothing secret: no connection strings,
/// hosts or error texts (those are in the log).
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/health";

    // Russian as is, not as \u escapes; no empty "data".
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static IServiceCollection AddLiveOrdersHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(10))
            .AddCheck<LeaseHealthCheck>("leases")
            .AddCheck<LiveOrders.Core.Live.Postgres.LiveFeedHealthCheck>("feed");
        return services;
    }

    public static void MapLiveOrdersHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            entries = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                // A check that threw or timed out carries the exception's text: never shown.
                description = e.Value.Exception is null ? e.Value.Description : "Проверка не завершилась.",
                data = e.Value.Data.Count > 0 ? e.Value.Data : null,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
