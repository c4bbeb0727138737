using System.Net;
using System.Text.RegularExpressions;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// Sign-in attempts are limited per remote address, on top of the per-account lockout: an outsider at one address
/// runs out of attempts after a few, and the attempts refused by the limit never reach an account, so they lock none.
/// </summary>
public sealed class SignInRateLimitTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private const int Limit = 10;

    /// <summary>The app with the shipped limit, where a test header stands for the connection's remote address.</summary>
    private WebApplicationFactory<Program> Limited() => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("RateLimits:SignIn:PermitLimit", Limit.ToString());
        b.UseSetting("RateLimits:SignIn:Window", "00:01:00");
        b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFromTestHeader>());
    });

    private static HttpClient From(WebApplicationFactory<Program> factory, string address)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(RemoteAddressFromTestHeader.Header, address);
        return client;
    }

    private static async Task<int> FailedCountAsync(WebApplicationFactory<Program> factory, string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByNameAsync(userName))!);
    }

    [Fact]
    public async Task PastTheLimit_AnAddressIsRefused_WithoutCountingAgainstTheAccount_AndAnotherAddressIsNot()
    {
        using var factory = Limited();
        var outsider = From(factory, "203.0.113.7");
        // Four wrong passwords for a real person (one short of her lockout), the rest of the allowance on made-up names.
        for (var i = 0; i < 4; i++) await LiveOrdersApp.PostLoginAsync(outsider, "arch.1", "неверный");
        for (var i = 4; i < Limit; i++) await LiveOrdersApp.PostLoginAsync(outsider, $"guess{i}", "неверный");
        Assert.Equal(4, await FailedCountAsync(factory, "arch.1"));

        // Past the limit: refused before the password is looked at, even the right one, and the account is untouched.
        var wrong = await LiveOrdersApp.PostLoginAsync(outsider, "arch.1", "неверный");
        var right = await LiveOrdersApp.PostLoginAsync(outsider, "arch.1", "Demo2026!");

        foreach (var refused in new[] { wrong, right })
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/login?error=ratelimited&", refused.Headers.Location!.OriginalString);
        }
        Assert.Equal(4, await FailedCountAsync(factory, "arch.1"));
        var page = await outsider.GetStringAsync(wrong.Headers.Location!.OriginalString);
        Assert.Equal("Слишком много попыток входа с вашего адреса, подождите 1 минуту.", MessageOf(page));
        Assert.Contains("value=\"arch.1\"", page);

        // The person herself, at her own desk, signs in: her account is not locked, her address has its own allowance.
        var colleague = From(factory, "10.0.5.21");
        var signedIn = await LiveOrdersApp.PostLoginAsync(colleague, "arch.1", "Demo2026!");
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(0, await FailedCountAsync(factory, "arch.1"));
    }

    [Fact]
    public async Task AForgedForwardedForHeader_DoesNotGiveAFreshAllowance()
    {
        using var factory = Limited();
        var outsider = From(factory, "198.51.100.9");
        for (var i = 0; i < Limit; i++) await LiveOrdersApp.PostLoginAsync(outsider, $"guess{i}", "неверный");

        // No proxy is configured, so the header is the client's own word and is not believed.
        outsider.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.44");
        var refused = await LiveOrdersApp.PostLoginAsync(outsider, "edu.2", "Demo2026!");

        Assert.StartsWith("/login?error=ratelimited&", refused.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheSignInPage_AndOtherRequests_AreNotLimited()
    {
        using var factory = Limited();
        var person = From(factory, "10.0.7.3");
        for (var i = 0; i < Limit; i++) await LiveOrdersApp.PostLoginAsync(person, "edu.2", "Demo2026!");

        // Signed in (from the last allowed attempt), she keeps working; and the sign-in page still opens.
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/api/v1/orders?take=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/login")).StatusCode);
    }

    private static string MessageOf(string page) =>
        WebUtility.HtmlDecode(Regex.Match(page, "data-testid=\"login-error\"[^>]*>([^<]*)<").Groups[1].Value);

    /// <summary>Test servers have no remote address; this one takes it from a header, before anything else runs.</summary>
    private sealed class RemoteAddressFromTestHeader : IStartupFilter
    {
        public const string Header = "X-Test-Remote-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[Header], out var address)) http.Connection.RemoteIpAddress = address;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
