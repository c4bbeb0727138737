using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>Department scoping and sign-in through real HTTP requests, against the demo municipality.</summary>
public sealed class ScopingTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Item(int Id, string Number, string Title, string IssuingDepartment, string ExecutingDepartment, string? Responsible);
    private sealed record Page(List<Item> Items, int Total);

    /// <summary>An order of ЖКХ's business that Финансы has nothing to do with.</summary>
    private async Task<Item> AnOrderFinanceIsNotPartOfAsync()
    {
        var housing = await app.SignedInAsync("zkh.head");
        var page = await housing.GetFromJsonAsync<Page>("/api/v1/orders?scope=All&take=200", Json);
        return page!.Items.First(o => o.IssuingDepartment != "Финансы" && o.ExecutingDepartment != "Финансы");
    }

    [Fact]
    public async Task AnOrderOfAnotherDepartment_Is404ByApi_WithoutItsTitle()
    {
        var order = await AnOrderFinanceIsNotPartOfAsync();
        var finance = await app.SignedInAsync("fin.1");

        var response = await finance.GetAsync($"/api/v1/orders/{order.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(order.Title, body);
        Assert.Contains("не найдено", body);
    }

    [Fact]
    public async Task AnOrderOfAnotherDepartment_Is404ByUrl_WithoutItsTitle()
    {
        var order = await AnOrderFinanceIsNotPartOfAsync();
        var finance = await app.SignedInAsync("fin.1");

        var response = await finance.GetAsync($"/orders/{order.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(order.Title, html);
        Assert.Contains("Поручение не найдено или у вас нет к нему доступа", html);
    }

    [Fact]
    public async Task TheSameOrder_IsReadableByItsOwnDepartment()
    {
        var order = await AnOrderFinanceIsNotPartOfAsync();
        var housing = await app.SignedInAsync("zkh.1");

        var html = await housing.GetStringAsync($"/orders/{order.Id}");

        Assert.Contains(WebUtility.HtmlEncode(order.Title), html);
    }

    /// <summary>
    /// Both deputy heads belong to «Администрация». deputy1 supervises Финансы, deputy2 does not: deputy1's
    /// orders to Финансы are not deputy2's to read, list, search or comment on.
    /// </summary>
    [Fact]
    public async Task ADeputyHead_DoesNotSeeAnotherDeputysOrders_ByUrlApiListOrComment()
    {
        var deputy1 = await app.SignedInAsync("deputy1");
        var theirs = (await deputy1.GetFromJsonAsync<Page>("/api/v1/orders?scope=Mine&take=200", Json))!.Items
            .First(o => o.ExecutingDepartment == "Финансы");
        var deputy2 = await app.SignedInAsync("deputy2");

        Assert.Equal(HttpStatusCode.NotFound, (await deputy2.GetAsync($"/api/v1/orders/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await deputy2.GetAsync($"/orders/{theirs.Id}")).StatusCode);
        var everything = (await deputy2.GetFromJsonAsync<Page>("/api/v1/orders?scope=All&take=500", Json))!.Items;
        Assert.DoesNotContain(everything, o => o.Id == theirs.Id);
        var comment = await deputy2.PostAsJsonAsync($"/api/v1/orders/{theirs.Id}/comments", new { text = "Чужое" });
        Assert.Equal(HttpStatusCode.NotFound, comment.StatusCode);
    }

    [Fact]
    public async Task ListsByApi_ContainOnlyTheReadersDepartments()
    {
        var finance = await app.SignedInAsync("fin.1");
        var page = await finance.GetFromJsonAsync<Page>("/api/v1/orders?scope=All&take=200", Json);

        Assert.NotEmpty(page!.Items);
        Assert.All(page.Items, o => Assert.True(o.IssuingDepartment == "Финансы" || o.ExecutingDepartment == "Финансы"
            || o.Responsible is not null, $"{o.Number}: {o.IssuingDepartment} → {o.ExecutingDepartment}"));
    }

    [Fact]
    public async Task TheController_SeesEveryDepartment()
    {
        var control = await app.SignedInAsync("ctrl.1");
        var page = await control.GetFromJsonAsync<Page>("/api/v1/orders?scope=All&take=200", Json);
        Assert.True(page!.Items.Select(o => o.ExecutingDepartment).Distinct().Count() >= 6);
    }

    [Fact]
    public async Task WithoutSigningIn_TheApiAnswers401_AndPagesRedirectToLogin()
    {
        var client = app.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/orders")).StatusCode);
        var page = await client.GetAsync("/department");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AWrongPassword_ReturnsToTheLoginPage_WithARussianMessage()
    {
        var client = app.Anonymous();
        var response = await LiveOrdersApp.PostLoginAsync(client, "edu.1", "неверный");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(response.Headers.Location!.ToString());
        Assert.Contains("Неверное имя пользователя или пароль.", page);
    }

    [Theory]
    [InlineData("/\t/example.org")]
    [InlineData("/\r\nSet-Cookie: x=1")]
    [InlineData("/\u3000/example.org")]
    [InlineData("/\\example.org")]
    [InlineData("//example.org")]
    [InlineData("https://example.org/")]
    public async Task ACraftedReturnUrl_WithTheRightPassword_SignsInAndGoesHome_NeverA500(string returnUrl)
    {
        var response = await LiveOrdersApp.PostLoginAsync(app.Anonymous(), "edu.1", "Demo2026!", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ASignInFormWithANulCharacter_ReturnsToTheSignInPageWithAMessage_NeverA500()
    {
        var client = app.Anonymous();
        var response = await LiveOrdersApp.PostLoginAsync(client, "edu.1", "Demo2026!", "/\0");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(response.Headers.Location!.ToString());
        Assert.Contains("Форма входа устарела", page);
    }

    [Fact]
    public async Task AReturnUrlOnThisSite_IsFollowedAfterSigningIn()
    {
        var response = await LiveOrdersApp.PostLoginAsync(app.Anonymous(), "edu.1", "Demo2026!", "/board?x=1");

        Assert.Equal("/board?x=1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_WithTheSameAnswerAnUnknownNameGets()
    {
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await LiveOrdersApp.PostLoginAsync(client, "law.2", "неверный");
            await LiveOrdersApp.PostLoginAsync(client, "nobody.here", "неверный");
        }

        var real = await LiveOrdersApp.PostLoginAsync(client, "law.2", "Demo2026!");
        var unknown = await LiveOrdersApp.PostLoginAsync(client, "nobody.here", "Demo2026!");

        Assert.StartsWith("/login?error=invalid&", real.Headers.Location!.OriginalString);   // locked: even the right password is refused
        Assert.Equal(real.Headers.Location!.OriginalString.Replace("law.2", "nobody.here"), unknown.Headers.Location!.OriginalString);
        var realMessage = MessageOf(await client.GetStringAsync(real.Headers.Location!.OriginalString));
        Assert.Equal(realMessage, MessageOf(await client.GetStringAsync(unknown.Headers.Location!.OriginalString)));
        Assert.StartsWith("Неверное имя пользователя или пароль", realMessage);
    }

    private static string MessageOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"login-error\"[^>]*>([^<]*)<").Groups[1].Value;

    /// <summary>The time of an answer must not tell whether a name exists: an unknown name costs a password hash as well.</summary>
    [Fact]
    public async Task AnUnknownName_CostsAPasswordHashLikeARealOne()
    {
        var hasher = new CountingHasher();
        using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<Microsoft.AspNetCore.Identity.IdentityUser>>(hasher)));
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        await LiveOrdersApp.PostLoginAsync(client, "edu.2", "неверный");
        var forReal = hasher.Verifications;
        await LiveOrdersApp.PostLoginAsync(client, "nobody.at.all", "неверный");

        Assert.Equal(1, forReal);
        Assert.Equal(2, hasher.Verifications);
    }

    private sealed class CountingHasher : Microsoft.AspNetCore.Identity.PasswordHasher<Microsoft.AspNetCore.Identity.IdentityUser>
    {
        private int _verifications;
        public int Verifications => Volatile.Read(ref _verifications);

        public override Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(
            Microsoft.AspNetCore.Identity.IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task AForgedLoginPost_IsRefused_WithARussianMessage()
    {
        var client = app.Anonymous();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "edu.head",
            ["password"] = "Demo2026!",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=forged", response.Headers.Location!.ToString());
        Assert.Contains("Форма входа устарела или пришла не из LiveOrders", await client.GetStringAsync(response.Headers.Location));
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith(".AspNetCore.Identity"));
    }

    [Fact]
    public async Task SigningOut_EndsEveryCopyOfTheSessionCookie()
    {
        var browser = app.Anonymous();
        var login = await LiveOrdersApp.PostLoginAsync(browser, "edu.2", "Demo2026!");
        var copied = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=")).Split(';')[0];
        var thief = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        Task<HttpResponseMessage> ReadAsThiefAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/orders?scope=Mine");
            request.Headers.Add("Cookie", copied);
            return thief.SendAsync(request);
        }
        Assert.Equal(HttpStatusCode.OK, (await ReadAsThiefAsync()).StatusCode);

        var page = await browser.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(page,
            "action=\"/account/logout\".*?name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"",
            System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.NotEmpty(token);
        var logout = await browser.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/login", logout.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReadAsThiefAsync()).StatusCode);
    }

    [Fact]
    public async Task TheComponentLibrarysAssets_AreServedOutsideDevelopment()
    {
        var client = app.Anonymous();   // the "Testing" environment: not Development
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_content/MudBlazor/MudBlazor.min.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_content/MudBlazor/MudBlazor.min.js")).StatusCode);
    }

    /// <summary>`dotnet run --project LiveOrders.Web` must not send developer error details to browsers; developers ask for them.</summary>
    [Fact]
    public void TheReadmesRunCommand_StartsOutsideDevelopment_AndDevelopersCanAskForIt()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveOrders.sln"))) dir = dir.Parent;
        using var settings = System.Text.Json.JsonDocument.Parse(
            File.ReadAllText(Path.Combine(dir!.FullName, "LiveOrders.Web", "Properties", "launchSettings.json")));
        var profiles = settings.RootElement.GetProperty("profiles").EnumerateObject().ToList();

        string EnvironmentOf(System.Text.Json.JsonProperty profile) =>
            profile.Value.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString()!;
        Assert.NotEqual("Development", EnvironmentOf(profiles[0]));   // `dotnet run` takes the first profile
        Assert.Contains(profiles, p => EnvironmentOf(p) == "Development");
    }

    [Fact]
    public async Task TheBlazorScript_IsServed()
    {
        var response = await app.Anonymous().GetAsync("/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
