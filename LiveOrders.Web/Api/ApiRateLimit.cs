using System.Security.Claims;
using System.Threading.RateLimiting;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveOrders.Web.Api;

/// <summary>Limits of <c>RateLimits:Api</c>: requests per window for each caller. Generous, so people's pages never meet them.</summary>
public sealed class ApiRateLimitOptions
{
    public int PermitLimit { get; set; } = 600;
    /// <summary>The same shape as <c>RateLimits:SignIn</c>: «00:01:00».</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The API's rate limit: a fixed window per caller — per key or token client, per signed-in person, and per address for
/// everyone else (so guessing keys is slowed too). A refusal is 429 with a Russian ProblemDetails and <c>Retry-After</c>.
/// A policy of its own (not the global limiter), so the sign-in limiter can live beside it.
/// </summary>
public sealed class ApiRateLimit(IOptionsMonitor<ApiRateLimitOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "api";

    public RateLimitPartition<string> GetPartition(HttpContext http)
    {
        var limits = options.CurrentValue;
        var caller = http.User.FindFirstValue(IntegrationClaims.Client) is { } client ? $"client:{client}"
            : http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? $"user:{user}"
            : $"address:{http.Connection.RemoteIpAddress}";
        return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limits.PermitLimit),
            Window = limits.Window > TimeSpan.Zero ? limits.Window : TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after
            : (options.CurrentValue.Window > TimeSpan.Zero ? options.CurrentValue.Window : TimeSpan.FromSeconds(1));
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Слишком много запросов",
            detail: $"Превышен предел запросов к API. Повторите через {(int)Math.Ceiling(retryAfter.TotalSeconds)} с.").ExecuteAsync(context.HttpContext);
    };
}
