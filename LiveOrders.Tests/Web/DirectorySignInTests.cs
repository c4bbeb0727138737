using System.Net;
using LiveOrders.Core.Data;
using LiveOrders.Core.Ldap;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// Sign-in through a real slapd on 127.0.0.1, by the sign-in form over HTTP (with its antiforgery token), into the app
/// with the demo municipality. The directory holds no memberof overlay: groups are found by searching them.
/// </summary>
public sealed class DirectorySignInTests : IAsyncLifetime
{
    private const string Password = "Ldap-Pass-2026";

    private static readonly LdapPerson Petrova = new("petrova", "Петрова Анна Сергеевна", Password, "petrova@city.test");
    private static readonly LdapPerson Kozlov = new("kozlov", "Козлов Пётр Ильич", Password, "kozlov@city.test");
    private static readonly LdapPerson Orlova = new("orlova", "Орлова Вера Павловна", Password, "orlova@city.test");
    private static readonly LdapPerson Visitor = new("visitor", "Гостев Иван Петрович", Password, "visitor@city.test");
    // A directory entry named like the local administrator, and one that claims the administrator's e-mail.
    private static readonly LdapPerson FakeAdmin = new("admin", "Самозванов Админ", Password, "fake-admin@city.test");
    private static readonly LdapPerson Mallory = new("mallory", "Малорина Ева", Password, "admin@demo.liveorders.local");

    private readonly LiveOrdersApp _app = new();
    private Slapd _slapd = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _slapd = await Slapd.StartAsync(
            [Petrova, Kozlov, Orlova, Visitor, FakeAdmin, Mallory],
            [
                new LdapGroup("zkh-staff", "petrova", "kozlov", "orlova", "admin", "mallory"),
                new LdapGroup("zkh-heads", "kozlov", "orlova"),
                new LdapGroup("visitors", "visitor"),
            ]);
        var settings = _slapd.AppSettings(
            (Slapd.GroupDn("zkh-heads"), "DepartmentHead", null),
            ("zkh-staff", null, "ЖКХ"));
        _factory = _app.WithWebHostBuilder(b => { foreach (var (key, value) in settings) b.UseSetting(key, value); });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _app.DisposeAsync();
        await _slapd.DisposeAsync();
    }

    private HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<T> QueryAsync<T>(Func<LiveOrdersDbContext, Task<T>> query)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private static string? Error(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var error = System.Text.RegularExpressions.Regex.Match(location, "[?&]error=([a-z]+)");
        return error.Success ? error.Groups[1].Value : null;
    }

    [Fact]
    public async Task DirectoryUser_WhoseGroupMapsToADepartment_IsCreatedThere_AndLandsOnMyOrders()
    {
        var client = Client();

        var response = await LiveOrdersApp.PostLoginAsync(client, "petrova", Password);

        Assert.Null(Error(response));
        Assert.Equal("/", response.Headers.Location!.ToString());
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("<h1>Мои поручения</h1>", await home.Content.ReadAsStringAsync());
        // Her password is the directory's: the security page says so and offers no change of it.
        var security = await client.GetStringAsync("/settings/security");
        Assert.Contains("data-testid=\"password-managed\"", security);
        Assert.DoesNotContain("data-testid=\"password-new\"", security);

        var employee = await QueryAsync(db => db.Employees.Include(e => e.Department).SingleAsync(e => e.Email == "petrova@city.test"));
        Assert.Equal("Петрова Анна Сергеевна", employee.FullName);
        Assert.Equal("ЖКХ", employee.Department!.ShortName);
        Assert.Equal(Role.Employee, employee.Role);
        var account = await QueryAsync(db => db.Users.SingleAsync(u => u.Id == employee.UserId));
        Assert.Equal("petrova", account.UserName);
        Assert.Null(account.PasswordHash);
        var audit = await QueryAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == employee.Id.ToString() && a.Action == "employee.created"));
        Assert.Equal(DirectorySignIn.AuditActorName, audit.ActorName);
        Assert.Null(audit.ActorId);

        // The second sign-in finds her again: one person, not two.
        Assert.Null(Error(await LiveOrdersApp.PostLoginAsync(Client(), "petrova", Password)));
        Assert.Equal(1, await QueryAsync(db => db.Employees.CountAsync(e => e.Email == "petrova@city.test")));
        // Both sign-ins are in the audit log as hers, through the directory.
        var signIns = await QueryAsync(db => db.AuditEntries.Where(a => a.Action == LiveOrders.Core.Audit.AuditActions.SignedIn && a.ActorId == employee.Id).ToListAsync());
        Assert.Equal(2, signIns.Count);
        Assert.All(signIns, e => Assert.Contains("(каталог LDAP)", e.Summary));
    }

    [Fact]
    public async Task GroupMappings_GiveTheRole_AndMoveAnExistingEmployee_WithAnAuditEntry()
    {
        // Orlova was put in Архитектура by an administrator, without a local password; the directory now has her heading ЖКХ.
        var employeeId = await QueryAsync(async db =>
        {
            var architecture = await db.Departments.SingleAsync(d => d.ShortName == "Архитектура");
            var orlova = PersonAccounts.Add(db, "orlova", null, new Employee
                { FullName = "Орлова Вера Павловна", Position = "Специалист", DepartmentId = architecture.Id, Role = Role.Employee, Email = "orlova@city.test" });
            await db.SaveChangesAsync();
            return orlova.Id;
        });
        var changed = new List<int>();
        _factory.Services.GetRequiredService<ActorDirectory>().Changed += changed.Add;

        Assert.Null(Error(await LiveOrdersApp.PostLoginAsync(Client(), "orlova", Password)));
        Assert.Null(Error(await LiveOrdersApp.PostLoginAsync(Client(), "kozlov", Password)));

        var orlova = await QueryAsync(db => db.Employees.Include(e => e.Department).SingleAsync(e => e.Id == employeeId));
        Assert.Equal(("ЖКХ", Role.DepartmentHead), (orlova.Department!.ShortName, orlova.Role));
        var audit = await QueryAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == employeeId.ToString() && a.Action == "employee.directory-synced"));
        Assert.Contains("Архитектура", audit.Changes.Replace("Управление архитектуры и градостроительства", "Архитектура"));
        Assert.Contains(employeeId, changed);
        var kozlov = await QueryAsync(db => db.Employees.SingleAsync(e => e.Email == "kozlov@city.test"));
        Assert.Equal(Role.DepartmentHead, kozlov.Role);
    }

    [Fact]
    public async Task WrongPassword_IsRefusedWithTheLocalMessage_AndCreatesNothing()
    {
        var response = await LiveOrdersApp.PostLoginAsync(Client(), "petrova", "wrong-password");

        Assert.Equal("invalid", Error(response));
        Assert.False(await QueryAsync(db => db.Employees.AnyAsync(e => e.Email == "petrova@city.test")));
        var failed = await QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Kind == LiveOrders.Core.Audit.AuditKind.FailedSignIns));
        Assert.Contains("Имя входа: petrova", failed.Changes);
        Assert.Contains("неверное имя или пароль в каталоге", failed.Summary);
        Assert.DoesNotContain("wrong-password", failed.Changes + failed.Summary);
    }

    [Fact]
    public async Task UserWhoseGroupsMapToNothing_IsRefused_AndNothingIsCreated()
    {
        var users = await QueryAsync(db => db.Users.CountAsync());

        var response = await LiveOrdersApp.PostLoginAsync(Client(), "visitor", Password);

        Assert.Equal("noemployee", Error(response));
        Assert.Equal(users, await QueryAsync(db => db.Users.CountAsync()));
        Assert.False(await QueryAsync(db => db.Employees.AnyAsync(e => e.Email == "visitor@city.test")));
    }

    [Fact]
    public async Task DirectoryDown_SaysSo_AndTheLocalAdministratorStillSignsIn()
    {
        await _slapd.StopAsync();

        var response = await LiveOrdersApp.PostLoginAsync(Client(), "petrova", Password);
        Assert.Equal("directory", Error(response));
        var page = await Client().GetStringAsync(response.Headers.Location!.ToString());
        Assert.Contains("Каталог недоступен", page);

        Assert.Null(Error(await LiveOrdersApp.PostLoginAsync(Client(), "admin", "Demo2026!")));
    }

    [Theory]
    [InlineData("*)(uid=*")]
    [InlineData("petro*")]
    [InlineData("*")]
    [InlineData("petrova)(|(uid=*")]
    [InlineData("petrova\\00")]
    public async Task FilterInjection_InTheLogin_IsRefused(string login)
    {
        var response = await LiveOrdersApp.PostLoginAsync(Client(), login, Password);

        Assert.Equal("invalid", Error(response));
        Assert.False(await QueryAsync(db => db.Employees.AnyAsync(e => e.Email == "petrova@city.test")));
    }

    [Fact]
    public async Task DirectoryEntryNamedLikeALocalAccount_CannotOpenIt()
    {
        // «admin» has a local password: only that password opens it, whatever the directory says.
        Assert.Equal("invalid", Error(await LiveOrdersApp.PostLoginAsync(Client(), "admin", Password)));
    }

    [Fact]
    public async Task DirectoryEntryWithTheAdministratorsEmail_GetsAnAccountOfItsOwn()
    {
        var client = Client();
        Assert.Null(Error(await LiveOrdersApp.PostLoginAsync(client, "mallory", Password)));

        var home = await client.GetStringAsync("/");
        Assert.DoesNotContain("Администратор", home);
        var account = await QueryAsync(db => db.Users.SingleAsync(u => u.NormalizedUserName == "MALLORY"));
        var employee = await QueryAsync(db => db.Employees.SingleAsync(e => e.UserId == account.Id));
        Assert.Equal(Role.Employee, employee.Role);
    }

    [Fact]
    public async Task EmptyPassword_IsRefused_EvenByAServerThatAcceptsUnauthenticatedBinds()
    {
        await using var lenient = await Slapd.StartAsync([Petrova], [new LdapGroup("zkh-staff", "petrova")], allowUnauthenticatedBind: true);
        var options = new DirectoryOptions();
        foreach (var (key, value) in lenient.AppSettings())
        {
            var property = typeof(DirectoryOptions).GetProperty(key["Directory:".Length..])!;
            property.SetValue(options, Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        }
        var ldap = new LdapDirectory(new FixedOptions(options), Microsoft.Extensions.Logging.Abstractions.NullLogger<LdapDirectory>.Instance);

        Assert.Equal(DirectoryStatus.Success, (await ldap.AuthenticateAsync("petrova", Password)).Status);
        Assert.Equal(DirectoryStatus.InvalidCredentials, (await ldap.AuthenticateAsync("petrova", "")).Status);
        Assert.Equal(DirectoryStatus.InvalidCredentials, (await ldap.AuthenticateAsync("petrova", "wrong")).Status);
    }

    private sealed class FixedOptions(DirectoryOptions value) : Microsoft.Extensions.Options.IOptionsMonitor<DirectoryOptions>
    {
        public DirectoryOptions CurrentValue => value;
        public DirectoryOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<DirectoryOptions, string?> listener) => null;
    }
}
