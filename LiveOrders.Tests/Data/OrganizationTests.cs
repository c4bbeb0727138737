using LiveOrders.Core;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

public sealed class OrganizationTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Actor Admin => new(_db.Controller.EmployeeId, "Админ", _db.Controller.DepartmentId, Role.Administrator, []);

    [Fact]
    public async Task ASwitchedOffEmployee_LosesTheirRightsAtOnce_AndTheirLiveFilterStopsMatching()
    {
        var service = _db.Services.GetRequiredService<PeopleAdministration>();
        var changed = new List<int>();
        _db.Directory.Changed += changed.Add;
        var order = await _db.SendRoadsToHousingAsync();

        var result = await service.DeactivateAsync(Admin, _db.HousingClerk.EmployeeId);

        Assert.True(result.Ok, result.Message);
        Assert.Equal([_db.HousingClerk.EmployeeId], changed);
        Assert.False(_db.Directory.IsCurrent(_db.HousingClerk));
        Assert.True(_db.Directory.IsCurrent(_db.HousingHead));
        var comment = await _db.Orders.CommentAsync(_db.HousingClerk, order.Id, "Ещё пишу со старой страницы");
        Assert.Equal(Failure.Forbidden, comment.Failure);
        Assert.Null(await _db.Directory.FindByEmployeeIdAsync(_db.HousingClerk.EmployeeId));
    }

    [Fact]
    public async Task OnlyAnAdministrator_SwitchesPeopleOff()
    {
        var result = await _db.Services.GetRequiredService<PeopleAdministration>().DeactivateAsync(_db.HousingHead, _db.HousingClerk.EmployeeId);
        Assert.Equal(Failure.Forbidden, result.Failure);
        Assert.True(_db.Directory.IsCurrent(_db.HousingClerk));
    }
}
