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

    /// <summary>
    /// The same for the API's writes made with the cookie: a page on another port or host of the same site gets the
    /// cookie sent along (SameSite=Lax treats it as same-site), so a POST/PUT/PATCH/DELETE to /api whose Origin — or,
    /// when a browser sends none, Referer — is not this site is refused with 403. Requests with an API key or a token
    /// carry no ambient credential and are not affected; neither are clients that send neither header (not browsers).
    /// </summary>
    public static IApplicationBuilder UseSameOriginForCookieApiWrites(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (!request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                || HttpMethods.IsOptions(request.Method) || AuthSchemes.Select(http) != Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme
                || IsSameSiteWrite(request))
            {
                await next(http);
                return;
            }
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Запрос с чужого сайта",
                detail: "Изменения через API с входом по cookie принимаются только со страниц самого LiveOrders.").ExecuteAsync(http);
        });

    private static bool IsSameSiteWrite(HttpRequest request)
    {
        if (request.Headers.Origin.Count > 0) return IsAllowed(request);
        var referer = request.Headers.Referer.ToString();
        return string.IsNullOrEmpty(referer) || IsSameHost(referer, request);
    }

    internal static bool IsAllowed(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin)) return true;
        return IsSameHost(origin, request);
    }

    private static bool IsSameHost(string address, HttpRequest request)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)) return false;
        var host = request.Host;
        // Host and port, not the scheme: behind a proxy that ends TLS the page is https and the request http.
        return string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase)
            && (host.Port is { } port ? uri.Port == port : uri.IsDefaultPort);
    }
}
