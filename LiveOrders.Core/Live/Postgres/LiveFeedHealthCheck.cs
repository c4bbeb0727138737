using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveOrders.Core.Live.Postgres;

/// <summary>
/// The live feed for <c>/health</c>: in one process it is always there; across nodes it is healthy while its listening
/// connection holds, degraded while it reconnects (screens catch up after), unhealthy when away longer than a journal
/// row is kept (screens will have to reload).
/// </summary>
/// <remarks>Register with <c>AddCheck&lt;LiveFeedHealthCheck&gt;("feed")</c>.</remarks>
public sealed class LiveFeedHealthCheck(IServiceProvider services, Microsoft.Extensions.Options.IOptions<PostgresFeedOptions> options, TimeProvider clock)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The cross-node feed if the app has one (ILiveFeed may be a wrapper around it, as the benchmarks' timing feed is).
        if (services.GetService(typeof(PostgresLiveFeed)) is not PostgresLiveFeed postgres)
            return Task.FromResult(HealthCheckResult.Healthy("Лента событий в памяти процесса (один узел).",
                new Dictionary<string, object> { ["transport"] = "in-process" }));
        var state = postgres.State;
        var data = new Dictionary<string, object>
        {
            ["transport"] = "postgresql",
            ["node"] = postgres.Node,
            ["connected"] = state.Connected,
            ["since"] = state.Since,
            ["lastId"] = state.LastId,
            ["reconnects"] = state.Reconnects,
        };
        if (state.LagMs is { } lag) data["lagMs"] = Math.Round(lag, 1);
        // The last error stays in the log: /health is anonymous, and a connection error names hosts and ports.
        if (state.Connected) return Task.FromResult(HealthCheckResult.Healthy("PostgreSQL LISTEN/NOTIFY: подключено", data));
        var away = clock.GetUtcNow().UtcDateTime - state.Since;
        return Task.FromResult(away < options.Value.Keep
            ? HealthCheckResult.Degraded("PostgreSQL LISTEN/NOTIFY: переподключение", data: data)
            : HealthCheckResult.Unhealthy("PostgreSQL LISTEN/NOTIFY: нет связи", data: data));
    }
}
