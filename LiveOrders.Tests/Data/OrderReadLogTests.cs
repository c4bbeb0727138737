using LiveOrders.Core;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>Openings of orders holding personal data (152-ФЗ), recorded and read back on a real database.</summary>
public sealed class OrderReadLogTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private OrderReadLog Log => _db.Services.GetRequiredService<OrderReadLog>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> SendAsync(bool personalData)
    {
        var result = await _db.Orders.CreateAsync(_db.RoadsHead, new NewOrder("Обращение гражданина", "Петров П. П., паспорт …", [_db.Housing.Id],
            Priority.Normal, _db.Time.UtcNow.AddDays(3), ContainsPersonalData: personalData));
        Assert.True(result.Ok, result.Message);
        return result.Value![0].Id;
    }

    private async Task<List<OrderRead>> ReadsAsync(int orderId)
    {
        await using var db = _db.CreateDbContext();
        return await db.OrderReads.Where(r => r.OrderId == orderId).OrderBy(r => r.Id).ToListAsync();
    }

    [Fact]
    public async Task OpeningAnOrderWithPersonalData_IsRecorded_WithWhoWhenAndHow()
    {
        var id = await SendAsync(personalData: true);

        var opened = await Log.OpenAsync(_db.HousingClerk, id, ReadChannel.Api);

        Assert.True(opened.Ok);
        Assert.True(opened.Value!.ContainsPersonalData);
        var read = Assert.Single(await ReadsAsync(id));
        Assert.Equal((_db.HousingClerk.EmployeeId, _db.Time.UtcNow, ReadChannel.Api), (read.ReaderId, read.At, read.Channel));
    }

    [Fact]
    public async Task OpeningAnOrdinaryOrder_OrOneNotVisible_RecordsNothing()
    {
        var plain = await SendAsync(personalData: false);
        var personal = await SendAsync(personalData: true);

        Assert.True((await Log.OpenAsync(_db.HousingClerk, plain, ReadChannel.Page)).Ok);
        Assert.Equal(Failure.NotFound, (await Log.OpenAsync(_db.FinanceHead, personal, ReadChannel.Page)).Failure);

        Assert.Empty(await ReadsAsync(plain));
        Assert.Empty(await ReadsAsync(personal));
    }

    [Fact]
    public async Task ARefreshThroughTheQueries_IsNotAnOpening()
    {
        var id = await SendAsync(personalData: true);
        Assert.True((await _db.Queries.GetAsync(_db.HousingClerk, id)).Ok);
        Assert.Empty(await ReadsAsync(id));
    }

    [Fact]
    public async Task TheLog_IsShownToControl_AndRefusedToTheExecutorAndTheAuthor()
    {
        var id = await SendAsync(personalData: true);
        await Log.OpenAsync(_db.HousingClerk, id, ReadChannel.Page);
        _db.Clock.Advance(TimeSpan.FromMinutes(5));
        await Log.OpenAsync(_db.Deputy, id, ReadChannel.Api);

        var log = await Log.ForOrderAsync(_db.Controller, id);
        Assert.True(log.Ok, log.Message);
        Assert.Equal([("Замов Зам Замович", ReadChannel.Api), ("Жилищный Сотрудник", ReadChannel.Page)], log.Value!.Select(r => (r.Reader, r.Channel)));

        foreach (var refused in new[] { _db.HousingClerk, _db.RoadsHead, _db.HousingHead, _db.Deputy })
        {
            var result = await Log.ForOrderAsync(refused, id);
            Assert.Equal((Failure.Forbidden, OrderPolicy.ReadLogRefusal), (result.Failure, result.Message));
            Assert.Null(result.Value);
        }
    }

    [Fact]
    public async Task TheAuthorsMark_AfterSending_StartsTheRecording_AndIsInTheHistory()
    {
        var id = await SendAsync(personalData: false);
        var marked = await _db.Orders.ExecuteAsync(_db.RoadsHead, id, await _db.VersionOfAsync(id), new MarkPersonalData(true));
        Assert.True(marked.Ok, marked.Message);

        await Log.OpenAsync(_db.HousingHead, id, ReadChannel.Page);

        Assert.Single(await ReadsAsync(id));
        var details = (await _db.Queries.GetAsync(_db.RoadsHead, id)).Value!;
        Assert.Contains(details.History, e => e.Kind == OrderEventKind.PersonalDataMarked && e.Actor == _db.RoadsHead.FullName);
        var refused = await _db.Orders.ExecuteAsync(_db.HousingHead, id, marked.Value, new MarkPersonalData(false));
        Assert.Equal(Failure.Forbidden, refused.Failure);
    }

    [Fact]
    public async Task TheLogOfEveryOrder_IsFilteredByPeriodAndText()
    {
        var id = await SendAsync(personalData: true);
        await Log.OpenAsync(_db.HousingClerk, id, ReadChannel.Page);
        await Log.OpenAsync(_db.Deputy, id, ReadChannel.Page);
        var today = DateOnly.FromDateTime(_db.Time.LocalNow);

        Assert.Equal(2, (await Log.SearchAsync(_db.Controller, today, today, null, 0, 50)).Value!.Total);
        Assert.Equal("Жилищный Сотрудник", Assert.Single((await Log.SearchAsync(_db.Controller, today, today, "жилищный", 0, 50)).Value!.Items).Reader);
        Assert.Equal(0, (await Log.SearchAsync(_db.Controller, today.AddDays(1), null, null, 0, 50)).Value!.Total);
        Assert.Equal(Failure.Forbidden, (await Log.SearchAsync(_db.HousingHead, null, null, null, 0, 50)).Failure);
    }
}
