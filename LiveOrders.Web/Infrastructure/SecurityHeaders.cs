using System.Security.Cryptography;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// The security headers every response carries (pages, the API, static files, error pages), set in one place.
/// <list type="bullet">
/// <item>Scripts: only this site's files, plus the one inline script Blazor writes (the import map), admitted by a
/// per-response nonce. Blazor Server and MudBlazor need neither <c>'unsafe-inline'</c> nor <c>'unsafe-eval'</c> for
/// scripts (<c>'wasm-unsafe-eval'</c> is for WebAssembly, which this app does not run).</item>
/// <item>Styles: <c>'unsafe-inline'</c>, because MudBlazor renders <c>style="…"</c> attributes on its components and
/// <c>&lt;style&gt;</c> blocks for its theme, and Blazor patches those attributes on every render; a nonce cannot
/// cover attributes. Inline style cannot run script, so this admits no script injection.</item>
/// <item><c>connect-src 'self'</c> covers the circuit's WebSocket on the same host in current browsers
/// (CSP Level 3); ws:/wss: of this host are listed as well for older ones.</item>
/// <item><c>form-action</c>: this site, plus the organisation's identity provider when organisation sign-in is on
/// (a sign-in form post is redirected there, and browsers apply form-action to that redirect).</item>
/// <item>Referrer: <c>strict-origin-when-cross-origin</c> — other sites learn only our origin, never a path (a wall
/// link carries its secret in the path). Not <c>no-referrer</c>: with it browsers send <c>Origin: null</c> on our
/// own form posts, which a same-origin check on writes would have to refuse.</item>
/// </list>
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "lo:csp-nonce";
    private const string FramableKey = "lo:framable-by-self";

    /// <summary>
    /// Lets this response be shown in a frame of this site's own pages (an attachment's preview), and nowhere else:
    /// <c>frame-ancestors 'self'</c> and <c>X-Frame-Options: SAMEORIGIN</c> instead of denying every frame.
    /// </summary>
    public static void AllowFramingBySelf(this HttpContext http) => http.Items[FramableKey] = true;

    /// <summary>The nonce of this response's Content-Security-Policy, for the inline scripts the app itself writes.</summary>
    public static string CspNonce(this HttpContext http) =>
        http.Items[NonceKey] as string ?? throw new InvalidOperationException("UseSecurityHeaders must run first.");

    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        var formAction = FormActionSources(app.Configuration);
        return app.Use((http, next) =>
        {
            // Hex: nothing in it the HTML encoder would escape in the attribute.
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
            // Set as the response starts, so an error page or a re-executed status page (which clear the headers
            // set before them) carries them too.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                var framable = http.Items.ContainsKey(FramableKey);
                headers.ContentSecurityPolicy = Policy(http.Request, nonce, formAction, framable);
                headers.XFrameOptions = framable ? "SAMEORIGIN" : "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(http);
        });
    }

    internal static string Policy(HttpRequest request, string nonce, string formAction, bool framableBySelf = false)
    {
        // The Host is the client's own word; only a plain host[:port] is echoed into the policy.
        var host = request.Host.Value ?? "";
        var live = host.Length > 0 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')
            ? $" ws://{host} wss://{host}" : "";
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            $"connect-src 'self'{live}",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formAction}",
            framableBySelf ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
    }

    /// <summary>'self', and the origin of the organisation's identity provider when organisation sign-in is on.</summary>
    internal static string FormActionSources(IConfiguration configuration)
    {
        var section = configuration.GetSection("OrganizationSignIn");
        var sources = new List<string> { "'self'" };
        if (section.GetValue("Enabled", false))
            foreach (var key in new[] { "Authority", "Instance" })
                if (Uri.TryCreate(section[key], UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
                    sources.Add(uri.GetLeftPart(UriPartial.Authority));
        return string.Join(' ', sources.Distinct());
    }
}
