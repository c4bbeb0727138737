using System.Net;
using System.Text.RegularExpressions;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// A person's own change of password through /settings/security and /account/password, over real HTTP, and the
/// one-time password an administrator hands out, which must be replaced before anything else opens.
/// </summary>
public sealed partial class PasswordChangeTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private const string NewPassword = "Novyj-Parol-2026";

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    /// <summary>The text of the form's message: from its element to the form, tags taken out.</summary>
    private static string MessageOf(string page)
    {
        var start = page.IndexOf("data-testid=\"password-message\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no message on the page");
        var end = page.IndexOf("<form", start, StringComparison.Ordinal);
        return WebUtility.HtmlDecode(TagPattern().Replace(page[start..end], " "));
    }

    private PeopleAdministration People => app.Services.GetRequiredService<PeopleAdministration>();

    private async Task<Actor> AdminAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
        var id = await db.Employees.Where(e => e.UserId == db.Users.Single(u => u.UserName == "admin").Id).Select(e => e.Id).SingleAsync();
        return (await app.Services.GetRequiredService<ActorDirectory>().FindByEmployeeIdAsync(id))!;
    }

    private async Task<CreatedPerson> CreateAsync(string login)
    {
        var roads = (await app.Services.GetRequiredService<LiveOrders.Core.Orders.OrderQueries>().DepartmentsAsync()).First(d => d.ParentId is not null);
        var created = await People.CreateAsync(await AdminAsync(),
            new PersonForm(login, "Новикова Нина Николаевна", "Специалист", $"{login}@city.example.ru", roads.Id, Role.Employee));
        Assert.True(created.Ok, created.Message);
        return created.Value!;
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next, string? repeat = null) =>
        TwoFactorTests.PostFormAsync(client, "/settings/security", "/account/password",
            new() { ["currentPassword"] = current, ["newPassword"] = next, ["repeatPassword"] = repeat ?? next });

    private static async Task<bool> SignsInAsync(LiveOrdersApp app, string login, string password)
    {
        var response = await LiveOrdersApp.PostLoginAsync(app.Anonymous(), login, password);
        return response.StatusCode == HttpStatusCode.Redirect && !(response.Headers.Location?.ToString() ?? "").Contains("error=");
    }

    private static string Cookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=")).Split(';')[0];

    private HttpClient Bare() => app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string url, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    private async Task<int> AuditCountAsync(int employeeId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(a => a.Action == "person.password-changed" && a.EntityId == employeeId.ToString());
    }

    private async Task<bool> MarkedAsync(string login)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
        var userId = await db.Users.Where(u => u.UserName == login).Select(u => u.Id).SingleAsync();
        return await db.UserTokens.AnyAsync(t => t.UserId == userId && t.LoginProvider == PersonAccounts.TokenProvider && t.Name == PersonAccounts.MustChangePasswordToken);
    }

    [Fact]
    public async Task AOneTimePassword_OpensOnlyItsChange_ThenTheNewPasswordOpensEverything_AndTheOldOneNothing()
    {
        var person = await CreateAsync("firsttime");
        var client = app.Anonymous();
        var login = await LiveOrdersApp.PostLoginAsync(client, "firsttime", person.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.DoesNotContain("error=", login.Headers.Location!.ToString());

        // Sent to the change: pages redirect there, the API and the hub refuse with a Russian ProblemDetails.
        foreach (var page in new[] { "/", "/orders/new", "/settings/notifications" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/settings/security", response.Headers.Location!.ToString());
        }
        var api = await client.GetAsync("/api/v1/orders");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("Нужно сменить пароль", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/hubs/orders/negotiate?negotiateVersion=1", null)).StatusCode);
        var settings = await client.GetStringAsync("/settings/security");
        Assert.Contains("Смените пароль, выданный администратором", settings);
        Assert.Contains("data-testid=\"password-new\"", settings);
        Assert.DoesNotContain("data-testid=\"security-key\"", settings);   // nothing else is offered until then

        var changed = await ChangeAsync(client, person.Password, NewPassword);

        Assert.Equal("/settings/security?done=password", changed.Headers.Location!.ToString());
        Assert.Contains("Пароль изменён", await client.GetStringAsync("/settings/security?done=password"));
        var home = await client.GetAsync("/");   // this browser stays signed in, with a renewed cookie
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("<h1>Мои поручения</h1>", await home.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/orders?scope=Mine")).StatusCode);
        Assert.False(await MarkedAsync("firsttime"));
        Assert.Equal(1, await AuditCountAsync(person.Id));
        Assert.False(await SignsInAsync(app, "firsttime", person.Password));
        var again = await app.SignedInAsync("firsttime", NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task AResetPassword_MustBeChangedAgain()
    {
        var person = await CreateAsync("resetagain");
        var client = app.Anonymous();
        await LiveOrdersApp.PostLoginAsync(client, "resetagain", person.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(client, person.Password, NewPassword)).StatusCode);
        Assert.False(await MarkedAsync("resetagain"));

        var reset = await People.ResetPasswordAsync(await AdminAsync(), person.Id);

        Assert.True(reset.Ok, reset.Message);
        Assert.True(await MarkedAsync("resetagain"));
        var next = app.Anonymous();
        await LiveOrdersApp.PostLoginAsync(next, "resetagain", reset.Value!);
        Assert.Equal("/settings/security", (await next.GetAsync("/")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task ChangingThePassword_EndsEveryOtherCopyOfTheCookie()
    {
        var browser = app.Anonymous();
        var login = await LiveOrdersApp.PostLoginAsync(browser, "edu.1", "Demo2026!");
        var copied = Cookie(login);
        var other = Bare();
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(other, "/api/v1/orders?scope=Mine", copied)).StatusCode);

        var changed = await ChangeAsync(browser, "Demo2026!", NewPassword);

        Assert.Equal("/settings/security?done=password", changed.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithCookieAsync(other, "/api/v1/orders?scope=Mine", copied)).StatusCode);
        var page = await GetWithCookieAsync(other, "/", copied);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/orders?scope=Mine")).StatusCode);
    }

    [Fact]
    public async Task AWrongCurrentPassword_OrAWeakOrMistypedNewOne_SaysWhyInRussian_AndChangesNothing()
    {
        var client = await app.SignedInAsync("edu.2");
        var employeeId = await EmployeeIdAsync("edu.2");

        async Task<string> RefusedAsync(string current, string next, string? repeat, string error)
        {
            var response = await ChangeAsync(client, current, next, repeat);
            var location = response.Headers.Location!.ToString();
            Assert.StartsWith($"/settings/security?error={error}", location);
            return MessageOf(await client.GetStringAsync(location));
        }

        Assert.Contains("Текущий пароль введён неверно", await RefusedAsync("Wrong-2026!", NewPassword, null, "password-current"));
        var weak = await RefusedAsync("Demo2026!", "abc", null, "password-weak");
        Assert.Contains("слишком простой", weak);
        Assert.Contains("не короче 6 знаков", weak);
        Assert.Contains("хотя бы одна цифра", weak);
        Assert.Contains("заглавная латинская буква", weak);
        Assert.DoesNotContain("Passwords must", weak);
        Assert.Contains("не совпадают", await RefusedAsync("Demo2026!", NewPassword, NewPassword + "x", "password-repeat"));
        Assert.Contains("отличаться от текущего", await RefusedAsync("Demo2026!", "Demo2026!", null, "password-same"));

        Assert.Equal(0, await AuditCountAsync(employeeId));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);   // the session was not ended
        Assert.True(await SignsInAsync(app, "edu.2", "Demo2026!"));
        Assert.False(await SignsInAsync(app, "edu.2", "abc"));
    }

    [Fact]
    public async Task AForgedForm_ChangesNothing()
    {
        var client = await app.SignedInAsync("edu.head");
        var response = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["currentPassword"] = "Demo2026!", ["newPassword"] = NewPassword, ["repeatPassword"] = NewPassword }));
        Assert.Equal("/settings/security?error=forged", response.Headers.Location!.ToString());
        Assert.Contains("Форма устарела", await client.GetStringAsync("/settings/security?error=forged"));
        Assert.True(await SignsInAsync(app, "edu.head", "Demo2026!"));
    }

    [Fact]
    public async Task AnAccountWithoutAPasswordOfItsOwn_SeesNoChangeForm_AndCannotPostOne()
    {
        // A session of an account whose password the directory or the organisation keeps (no local hash), made here
        // by signing a local person in and then taking the hash away without renewing the stamp.
        var client = await app.SignedInAsync("land.head");
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.UserName == "land.head").ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, (string?)null));

        var page = await client.GetStringAsync("/settings/security");

        Assert.Contains("data-testid=\"password-managed\"", page);
        Assert.Contains("ведёт организация", page);
        Assert.DoesNotContain("data-testid=\"password-new\"", page);
        var response = await ChangeAsync(client, "Demo2026!", NewPassword);
        Assert.Equal("/settings/security?error=nopassword", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    private async Task<int> EmployeeIdAsync(string login)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
        return await db.Employees.Where(e => e.UserId == db.Users.Single(u => u.UserName == login).Id).Select(e => e.Id).SingleAsync();
    }
}
