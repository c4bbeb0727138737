using LiveOrders.Core.Integrations;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Data;

/// <summary>The key service on real SQLite and a driven clock: «последнее использование» costs one write a minute, not one per request.</summary>
public sealed class ApiKeysTests
{
    private static async Task<Actor> AdministratorAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var admin = new Employee { FullName = "Админов Админ", Position = "Администратор", DepartmentId = database.Finance.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        return new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []);
    }

    private static async Task<DateTime?> LastUsedAsync(TestDatabase database, int id)
    {
        await using var db = database.CreateDbContext();
        return (await db.ApiKeys.SingleAsync(k => k.Id == id)).LastUsedAt;
    }

    [Fact]
    public async Task LastUse_IsWrittenAtMostOnceAMinute()
    {
        await using var database = await TestDatabase.CreateAsync();
        var keys = new ApiKeys(database, database.Time);
        var issued = (await keys.IssueAsync(await AdministratorAsync(database),
            new ApiKeyRequest("СЭД", database.HousingHead.EmployeeId, [database.Housing.Id], false))).Value!;
        var first = database.Clock.GetUtcNow().UtcDateTime;

        Assert.NotNull(await keys.AuthenticateAsync(issued.Secret));
        Assert.Equal(first, await LastUsedAsync(database, issued.Id));

        database.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await keys.AuthenticateAsync(issued.Secret));
        Assert.Equal(first, await LastUsedAsync(database, issued.Id));

        database.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(await keys.AuthenticateAsync(issued.Secret));
        Assert.Equal(first.AddSeconds(61), await LastUsedAsync(database, issued.Id));
    }

    [Fact]
    public async Task AKey_CarriesItsEmployeeAndScope_AndIsRefusedOnceRevoked()
    {
        await using var database = await TestDatabase.CreateAsync();
        var keys = new ApiKeys(database, database.Time);
        var admin = await AdministratorAsync(database);
        var issued = (await keys.IssueAsync(admin, new ApiKeyRequest("Обращения", database.RoadsHead.EmployeeId,
            [database.Roads.Id, database.Housing.Id, database.Roads.Id], true))).Value!;

        var identity = await keys.AuthenticateAsync(issued.Secret);
        Assert.Equal(database.RoadsHead.EmployeeId, identity!.EmployeeId);
        Assert.Equal([database.Roads.Id, database.Housing.Id], identity.DepartmentIds.Order());
        Assert.True(identity.CanWrite);
        Assert.StartsWith(ApiKey.TokenPrefix, issued.Secret);

        await keys.RevokeAsync(admin, issued.Id);
        Assert.Null(await keys.AuthenticateAsync(issued.Secret));
    }

    [Theory]
    [InlineData("", 1, "name")]
    [InlineData("СЭД", null, "employee")]
    [InlineData("СЭД", 1, "departments")]
    public async Task AnIncompleteRequest_IssuesNothing(string name, int? employee, string field)
    {
        await using var database = await TestDatabase.CreateAsync();
        var keys = new ApiKeys(database, database.Time);
        var result = await keys.IssueAsync(await AdministratorAsync(database),
            new ApiKeyRequest(name, employee is null ? null : database.RoadsHead.EmployeeId, [], false));
        Assert.Equal(field, result.Field);
        await using var db = database.CreateDbContext();
        Assert.Empty(db.ApiKeys);
        Assert.Empty(db.AuditEntries);
    }
}
