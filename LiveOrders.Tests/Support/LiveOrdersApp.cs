using System.Net;
using System.Text.RegularExpressions;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace LiveOrders.Tests.Support;

/// <summary>The whole app in-process over a fresh SQLite file (or PostgreSQL database) with the demo municipality seeded, as on first start.</summary>
public sealed class LiveOrdersApp : WebApplicationFactory<Program>
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"liveorders-web-{Guid.NewGuid():N}.db");
    private readonly IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();

    public LiveOrdersApp() { }

    private LiveOrdersApp(string databasePath, IReadOnlyDictionary<string, string> settings) => (_path, _settings) = (databasePath, settings);

    /// <summary>A node of several over one SQLite file (start the first before the others: it migrates and seeds).</summary>
    public static LiveOrdersApp Node(string databasePath, IReadOnlyDictionary<string, string> settings) => new(databasePath, settings);

    /// <summary>This app's SQLite file.</summary>
    public string DatabasePath => _path;
    /// <summary>This app's own attachment store (the default, under the content root, would be the source tree).</summary>
    public string AttachmentsPath { get; } = Path.Combine(Path.GetTempPath(), $"liveorders-web-files-{Guid.NewGuid():N}");

    private string? _postgreSql;

    /// <summary>
    /// On PostgreSQL, start on an empty database (the app migrates it, as on a first start) instead of a copy of the
    /// migrated template (faster; the app still seeds it). A SQLite file always starts empty.
    /// </summary>
    public bool EmptyDatabase { get; init; }

    /// <summary>
    /// The app's database: a SQLite file, or on PostgreSQL (<see cref="TestProvider"/>) a database of its own, made on first
    /// use (the host is configured synchronously).
    /// </summary>
    public string ConnectionString => TestProvider.IsPostgreSql
        ? _postgreSql ??= TestProvider.CreatePostgreSqlAsync(empty: EmptyDatabase).GetAwaiter().GetResult()
        : $"Data Source={_path}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestProvider.SettingValue);
        builder.UseSetting("ConnectionStrings:LiveOrders", ConnectionString);
        builder.UseSetting("Demo:SeedOnEmptyDatabase", "true");
        builder.UseSetting("Attachments:StoragePath", AttachmentsPath);
        // Every test signs in from the same (absent) address; the limit has its own tests (SignInRateLimitTests).
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "100000");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    /// <summary>The actor a demo login acts as, as the app's services would build it.</summary>
    public async Task<Actor> ActorAsync(string userName)
    {
        using var scope = Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(userName);
        return (await Services.GetRequiredService<ActorDirectory>().FindByUserIdAsync(user!.Id))!;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignedInAsync(string userName, string password = "Demo2026!")
    {
        var client = Anonymous();
        var response = await PostLoginAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error=", response.Headers.Location?.ToString());
        return client;
    }

    /// <summary>The sign-in cookie of <paramref name="userName"/>, for clients that carry it by hand (the hub test client).</summary>
    public async Task<string> SignInCookieAsync(string userName, string password = "Demo2026!")
    {
        var response = await PostLoginAsync(Anonymous(), userName, password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application="));
        return cookie.Split(';')[0];
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        var form = await client.GetStringAsync("/login");
        var token = Regex.Match(form, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_postgreSql is not null) TestProvider.DropPostgreSqlAsync(_postgreSql).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
        if (Directory.Exists(AttachmentsPath)) Directory.Delete(AttachmentsPath, recursive: true);
    }
}
