using System.Net;
using System.Text.RegularExpressions;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// The authenticator as a second factor, over real HTTP: turned on through /settings/security with a code computed
/// here from the key the page shows (RFC 6238), then used at sign-in through /login/code.
/// </summary>
public sealed partial class TwoFactorTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    internal sealed record Enabled(string Key, long Step, IReadOnlyList<string> RecoveryCodes);

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
    [GeneratedRegex("data-testid=\"security-key\"[^>]*>([^<]+)<")]
    private static partial Regex KeyPattern();
    [GeneratedRegex("data-testid=\"recovery-code\"[^>]*>([^<]+)<")]
    private static partial Regex RecoveryPattern();

    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Turns the authenticator on as a person would: read the key off the page, type the app's code.</summary>
    internal static async Task<Enabled> EnableAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/settings/security");
        var key = KeyPattern().Match(page).Groups[1].Value.Replace(" ", "").ToUpperInvariant();
        Assert.NotEmpty(key);
        var step = Totp.StepNow;
        var response = await PostFormAsync(client, "/settings/security", "/account/2fa/enable", new() { ["code"] = Totp.Code(key, step) });
        Assert.Equal("/settings/security?done=enabled", response.Headers.Location?.ToString());
        var after = await client.GetStringAsync("/settings/security");
        var codes = RecoveryPattern().Matches(after).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("data-testid=\"security-state\"", after);
        return new Enabled(key, step, codes);
    }

    internal static async Task<HttpResponseMessage> SubmitCodeAsync(HttpClient client, string code) =>
        await PostFormAsync(client, "/login/code", "/account/login/code", new() { ["code"] = code, ["returnUrl"] = "/" });

    private async Task<HttpClient> PasswordStepAsync(string userName)
    {
        var client = app.Anonymous();
        var response = await LiveOrdersApp.PostLoginAsync(client, userName, "Demo2026!");
        Assert.Equal("/login/code?returnUrl=%2F", response.Headers.Location?.ToString());
        return client;
    }

    [Fact]
    public async Task Authenticator_TurnedOnThroughThePage_SignInTakesItsCode_AndTheHalfSignedInCookieOpensNothing()
    {
        var enabled = await EnableAsync(await app.SignedInAsync("arch.head"));
        Assert.Equal(10, enabled.RecoveryCodes.Count);

        var client = await PasswordStepAsync("arch.head");
        // The right password alone: pages send to sign-in, the API answers 401.
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/login", home.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/orders")).StatusCode);

        var wrong = Totp.Code(enabled.Key, enabled.Step + 1) == "000000" ? "111111" : "000000";
        var refused = await SubmitCodeAsync(client, wrong);
        Assert.Contains("error=invalid", refused.Headers.Location!.ToString());
        var message = await client.GetStringAsync(refused.Headers.Location!.ToString());
        Assert.Contains("Неверный код", message);

        var accepted = await SubmitCodeAsync(client, Totp.Code(enabled.Key, enabled.Step + 1));
        Assert.Equal("/", accepted.Headers.Location?.ToString());
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Мои поручения</h1>", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Code_IsAcceptedOnce_AReplayInItsWindowIsRefused()
    {
        var enabled = await EnableAsync(await app.SignedInAsync("zkh.head"));
        var code = Totp.Code(enabled.Key, enabled.Step + 1);
        var (signedInBefore, failedBefore) = await CodeSignInsAsync();
        Assert.Equal("/", (await SubmitCodeAsync(await PasswordStepAsync("zkh.head"), code)).Headers.Location?.ToString());

        var replay = await SubmitCodeAsync(await PasswordStepAsync("zkh.head"), code);

        Assert.Contains("error=invalid", replay.Headers.Location!.ToString());
        // In the audit log: the sign-in with its code, and the replay as a failed one.
        Assert.Equal((signedInBefore + 1, failedBefore + 1), await CodeSignInsAsync());
    }

    private async Task<(int SignedIn, int Failed)> CodeSignInsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveOrders.Core.Data.LiveOrdersDbContext>>().CreateDbContextAsync();
        var entries = db.AuditEntries.Where(a => a.Summary.Contains("(пароль и код)"));
        return (await entries.CountAsync(a => a.Action == LiveOrders.Core.Audit.AuditActions.SignedIn),
            await entries.CountAsync(a => a.Summary.Contains("неверный код")));
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var enabled = await EnableAsync(await app.SignedInAsync("edu.head"));
        var recovery = enabled.RecoveryCodes[3];

        var first = await SubmitCodeAsync(await PasswordStepAsync("edu.head"), recovery.ToLowerInvariant().Replace("-", ""));
        Assert.Equal("/", first.Headers.Location?.ToString());

        var second = await SubmitCodeAsync(await PasswordStepAsync("edu.head"), recovery);
        Assert.Contains("error=invalid", second.Headers.Location!.ToString());
    }

    [Fact]
    public async Task FiveWrongCodes_LockTheAccount_SoTheRightCodeIsRefusedToo()
    {
        var enabled = await EnableAsync(await app.SignedInAsync("land.head"));
        var client = await PasswordStepAsync("land.head");
        var right = Totp.Code(enabled.Key, enabled.Step + 1);
        var wrong = Enumerable.Range(0, 20).Select(i => (123456 + i * 7919).ToString("D6")).Where(c => c != right).Take(5);

        foreach (var code in wrong)
            Assert.Contains("error=invalid", (await SubmitCodeAsync(client, code)).Headers.Location!.ToString());
        var afterLockout = await SubmitCodeAsync(client, right);

        Assert.Contains("error=invalid", afterLockout.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task TurningTheAuthenticatorOff_NeedsACurrentCode()
    {
        var client = await app.SignedInAsync("fin.head");
        var enabled = await EnableAsync(client);

        var refused = await PostFormAsync(client, "/settings/security", "/account/2fa/disable", new() { ["code"] = "12345" });
        Assert.Equal("/settings/security?error=code", refused.Headers.Location?.ToString());
        Assert.Contains("data-testid=\"security-state\"", await client.GetStringAsync("/settings/security"));

        var done = await PostFormAsync(client, "/settings/security", "/account/2fa/disable", new() { ["code"] = Totp.Code(enabled.Key, enabled.Step + 1) });
        Assert.Equal("/settings/security?done=disabled", done.Headers.Location?.ToString());
        // Signed in as before (the cookie was renewed with the account's new stamp), and the password alone opens again.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await app.SignedInAsync("fin.head");
    }

    [Fact]
    public async Task TurningTheAuthenticatorOnAndOff_AndNewRecoveryCodes_AreEachInTheAuditLog()
    {
        var client = await app.SignedInAsync("land.1");
        var enabled = await EnableAsync(client);
        var codes = await PostFormAsync(client, "/settings/security", "/account/2fa/recovery-codes", new() { ["code"] = enabled.RecoveryCodes[0] });
        Assert.Equal("/settings/security?done=codes", codes.Headers.Location?.ToString());
        var off = await PostFormAsync(client, "/settings/security", "/account/2fa/disable", new() { ["code"] = Totp.Code(enabled.Key, enabled.Step + 1) });
        Assert.Equal("/settings/security?done=disabled", off.Headers.Location?.ToString());

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveOrders.Core.Data.LiveOrdersDbContext>>().CreateDbContextAsync();
        var person = await db.Employees.SingleAsync(e => e.Email == "land.1@demo.liveorders.local");
        var entries = await db.AuditEntries.Where(a => a.ActorId == person.Id && a.Action.StartsWith("person.")).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["person.2fa-enabled", "person.recovery-codes", "person.2fa-disabled"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(person.FullName, e.ActorName));
        Assert.All(entries, e => Assert.Equal(person.Id.ToString(), e.EntityId));
        Assert.All(entries, e => Assert.Equal(LiveOrders.Core.Audit.AuditKind.Administration, e.Kind));
        Assert.Equal(
            [
                $"Включил(а) вход с кодом из приложения: {person.FullName}",
                $"Выпустил(а) новые резервные коды: {person.FullName}",
                $"Отключил(а) вход с кодом из приложения: {person.FullName}",
            ],
            entries.Select(e => e.Summary));
        Assert.Equal(
            [
                "Вход с кодом: выключен → включён\nРезервные коды: выпущены (10)",
                "Резервные коды: заменены (10)",
                "Вход с кодом: включён → выключен\nКлюч приложения: заменён",
            ],
            entries.Select(e => e.Changes));
    }

    [Fact]
    public async Task StaleSecurityForm_GetsTheRussianMessage_NotAnError()
    {
        var client = await app.SignedInAsync("law.head");
        var response = await client.PostAsync("/account/2fa/enable", new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "123456" }));
        Assert.Equal("/settings/security?error=forged", response.Headers.Location?.ToString());
        Assert.Contains("Форма устарела", await client.GetStringAsync("/settings/security?error=forged"));
    }
}

/// <summary><c>Security:RequireTwoFactorForAdmins</c>: enforced by the server on pages and the API alike.</summary>
public sealed class RequiredTwoFactorTests : IAsyncLifetime
{
    private readonly LiveOrdersApp _app = new();
    private WebApplicationFactory<Program> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = _app.WithWebHostBuilder(b => b.UseSetting("Security:RequireTwoFactorForAdmins", "true"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _app.DisposeAsync();
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await LiveOrdersApp.PostLoginAsync(client, userName, "Demo2026!");
        Assert.Equal("/", response.Headers.Location?.ToString());
        return client;
    }

    [Fact]
    public async Task AdministratorWithoutTheFactor_IsSentToSetUp_AndTheApiRefuses_UntilItIsOn()
    {
        var admin = await SignedInAsync("admin");

        var home = await admin.GetAsync("/");
        Assert.Equal("/settings/security", home.Headers.Location?.ToString());
        var api = await admin.GetAsync("/api/v1/orders");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("вход с кодом", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("/api/v1/orders", new StringContent("{}"))).StatusCode);
        Assert.Contains("data-testid=\"security-required\"", await admin.GetStringAsync("/settings/security"));

        var enabled = await TwoFactorTests.EnableAsync(admin);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/orders")).StatusCode);
        // And it cannot be turned off while the setting holds.
        var off = await TwoFactorTests.PostFormAsync(admin, "/settings/security", "/account/2fa/disable",
            new() { ["code"] = Totp.Code(enabled.Key, enabled.Step + 1) });
        Assert.Equal("/settings/security?done=required", off.Headers.Location?.ToString());
        Assert.Contains("data-testid=\"security-state\"", await admin.GetStringAsync("/settings/security"));
    }

    [Fact]
    public async Task OtherRoles_AreNotHeldToIt()
    {
        var head = await SignedInAsync("arch.head");

        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync("/api/v1/orders")).StatusCode);
    }
}
