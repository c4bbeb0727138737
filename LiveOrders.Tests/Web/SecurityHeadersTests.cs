using System.Net;
using System.Text.RegularExpressions;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace LiveOrders.Tests.Web;

/// <summary>Every kind of response carries the security headers: pages, the API, static files, status and error pages.</summary>
public sealed class SecurityHeadersTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    public static TheoryData<string, bool> Paths => new()
    {
        { "/login", false },
        { "/", false },                       // a redirect to the sign-in page
        { "/board", true },
        { "/control", true },
        { "/orders/new", true },
        { "/no-such-page", true },            // the Russian 404 page
        { "/api/v1/orders", true },
        { "/api/v1/orders", false },          // 401 for the API
        { "/app.css", false },
        { "/favicon.svg", false },
        { "/_framework/blazor.web.js", false },
        { "/health", false },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path, bool signedIn)
    {
        var client = signedIn ? await app.SignedInAsync("arch.head") : app.Anonymous();

        var response = await client.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("base-uri 'self'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.Contains("img-src 'self' data:", csp);
        Assert.Matches(@"script-src 'self' 'nonce-[0-9A-F]{32}'(;|$)", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", csp);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        var permissions = Header(response, "Permissions-Policy");
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()" }) Assert.Contains(feature, permissions);
    }

    [Fact]
    public async Task ThePagesImportMap_CarriesTheNonceOfItsOwnResponse_AndNoOther()
    {
        var client = app.Anonymous();
        var first = await client.GetAsync("/login");
        var second = await client.GetAsync("/login");

        var nonce = Regex.Match(Header(first, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value;
        var html = await first.Content.ReadAsStringAsync();
        var importMap = Regex.Match(html, "<script[^>]*type=\"importmap\"[^>]*>").Value;
        Assert.Contains($"nonce=\"{nonce}\"", importMap);
        Assert.NotEqual(Header(first, "Content-Security-Policy"), Header(second, "Content-Security-Policy"));
        // Nothing else inline: every other script is a file of this site.
        Assert.Single(Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>"));
    }

    [Fact]
    public async Task TheCircuitsWebSocket_IsAllowedOnItsOwnHost()
    {
        var response = await app.Anonymous().GetAsync("/login");

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("connect-src 'self' ws://localhost wss://localhost", csp);
    }

    [Fact]
    public async Task AForgedHostHeader_IsNotEchoedIntoThePolicy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        Assert.True(request.Headers.TryAddWithoutValidation("Host", "evil.example; script-src *"));
        var response = await app.Anonymous().SendAsync(request);

        Assert.DoesNotContain("evil", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public void OrganisationSignIn_AddsItsIdentityProviderToFormAction_OnlyWhenOn()
    {
        static string For(Dictionary<string, string?> settings) => LiveOrders.Web.Infrastructure.SecurityHeaders.FormActionSources(
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.Equal("'self'", For([]));
        Assert.Equal("'self'", For(new() { ["OrganizationSignIn:Enabled"] = "false", ["OrganizationSignIn:Authority"] = "https://sso.example/realms/city" }));
        Assert.Equal("'self' https://sso.example", For(new() { ["OrganizationSignIn:Enabled"] = "true", ["OrganizationSignIn:Authority"] = "https://sso.example/realms/city" }));
        Assert.Equal("'self' https://login.microsoftonline.com",
            For(new() { ["OrganizationSignIn:Enabled"] = "true", ["OrganizationSignIn:Instance"] = "https://login.microsoftonline.com/" }));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");
}
