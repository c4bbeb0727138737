namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// Live connections (the hub for other systems, Blazor's circuits) carry the user's cookie, and a browser
/// sends that cookie to them from any page, even one on another port or host. A browser always says
/// where the page came from (Origin), so a foreign origin is refused with 403 before the WebSocket
/// upgrade or the negotiation. Clients that are not browsers send no Origin and are not affected.
/// </summary>
public static class SameOriginGuard
{
    private static readonly PathString[] Guarded = ["/hubs", "/_blazor"];

    public static IApplicationBuilder UseSameOriginForLiveConnections(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (!Guarded.Any(p => http.Request.Path.StartsWithSegments(p))) return next(http);
            if (IsAllowed(http.Request)) return next(http);
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });

    internal static bool IsAllowed(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin)) return true;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return false;
        var host = request.Host;
        // Host and port, not the scheme: behind a proxy that ends TLS the page is https and the request http.
        return string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase)
            && (host.Port is { } port ? uri.Port == port : uri.IsDefaultPort);
    }
}
