using System.Net;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>What the administration's account changes do to signing in, through the app's own sign-in endpoint.</summary>
public sealed class AdministrationSignInTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private PeopleAdministration People => app.Services.GetRequiredService<PeopleAdministration>();

    private async Task<Actor> AdminAsync() =>
        (await app.Services.GetRequiredService<ActorDirectory>().FindByEmployeeIdAsync(await EmployeeIdAsync("admin")))!;

    private async Task<int> EmployeeIdAsync(string login)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveOrders.Core.Data.LiveOrdersDbContext>();
        return db.Employees.Single(e => e.UserId == db.Users.Single(u => u.UserName == login).Id).Id;
    }

    private static async Task<bool> SignsInAsync(LiveOrdersApp app, string login, string password)
    {
        var response = await LiveOrdersApp.PostLoginAsync(app.Anonymous(), login, password);
        return response.StatusCode == HttpStatusCode.Redirect && !(response.Headers.Location?.ToString() ?? "").Contains("error=");
    }

    private async Task<CreatedPerson> CreateAsync(string login)
    {
        var roads = (await app.Services.GetRequiredService<LiveOrders.Core.Orders.OrderQueries>().DepartmentsAsync()).First(d => d.ParentId is not null);
        var created = await People.CreateAsync(await AdminAsync(),
            new PersonForm(login, "Новикова Нина Николаевна", "Специалист", $"{login}@city.example.ru", roads.Id, Role.Employee));
        Assert.True(created.Ok, created.Message);
        return created.Value!;
    }

    [Fact]
    public async Task ACreatedPerson_SignsInWithTheOneTimePassword()
    {
        var person = await CreateAsync("novikova");
        Assert.True(await SignsInAsync(app, "novikova", person.Password));
        Assert.True(await SignsInAsync(app, "NOVIKOVA", person.Password));
    }

    [Fact]
    public async Task ADeactivatedPerson_CannotSignIn_AndTheirOpenSessionEnds()
    {
        var person = await CreateAsync("leaving");
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await LiveOrdersApp.PostLoginAsync(client, "leaving", person.Password)).StatusCode);
        // A one-time password opens only its change; the session is live all the same.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/settings/security")).StatusCode);

        var result = await People.DeactivateAsync(await AdminAsync(), person.Id);

        Assert.True(result.Ok, result.Message);
        Assert.False(await SignsInAsync(app, "leaving", person.Password));
        var after = await client.GetAsync("/settings/security");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AfterAReset_OnlyTheNewPasswordSignsIn()
    {
        var person = await CreateAsync("forgetful");

        var reset = await People.ResetPasswordAsync(await AdminAsync(), person.Id);

        Assert.True(reset.Ok, reset.Message);
        Assert.False(await SignsInAsync(app, "forgetful", person.Password));
        Assert.True(await SignsInAsync(app, "forgetful", reset.Value!));
    }

    [Fact]
    public async Task ALockedOutPerson_SignsInAgainOnceUnlocked()
    {
        var person = await CreateAsync("clumsy");
        for (var i = 0; i < 6; i++) Assert.False(await SignsInAsync(app, "clumsy", "Wrong-password-1"));
        Assert.False(await SignsInAsync(app, "clumsy", person.Password));

        var unlocked = await People.UnlockAsync(await AdminAsync(), person.Id);

        Assert.True(unlocked.Ok, unlocked.Message);
        Assert.True(await SignsInAsync(app, "clumsy", person.Password));
    }
}
