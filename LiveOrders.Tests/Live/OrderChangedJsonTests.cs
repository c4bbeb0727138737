using System.Text;
using LiveOrders.Core.Attachments;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Live;

/// <summary>
/// Every shape of change the services publish comes out of the journal's JSON as it went in: the other node applies
/// the same card, comment and notifications as this one.
/// </summary>
public sealed class OrderChangedJsonTests
{
    [Fact]
    public async Task EveryPublishedChange_SurvivesTheJournalRoundTrip()
    {
        await using var database = await TestDatabase.CreateAsync();
        var order = await database.SendRoadsToHousingAsync(onControl: true);
        var version = await database.VersionOfAsync(order.Id);
        Assert.True((await database.Orders.ExecuteAsync(database.HousingHead, order.Id, version, new AcceptOrder())).Ok);
        Assert.True((await database.Orders.CommentAsync(database.RoadsHead, order.Id, "Прошу ускорить, @Жилин",
            [database.HousingHead.EmployeeId])).Ok);
        var files = database.Services.GetRequiredService<AttachmentService>();
        var content = Encoding.UTF8.GetBytes("Акт осмотра");
        Assert.True((await files.UploadAsync(database.HousingHead, order.Id, "акт.txt", content.Length, new MemoryStream(content))).Ok);
        database.Clock.Advance(TimeSpan.FromDays(2.5));
        await database.Services.GetRequiredService<DeadlineWatcher>().ProcessDueAsync(database.Time.UtcNow);

        var published = database.Feed.Published.Append(OrderChanged.Resync(database.Time.UtcNow)).ToList();
        var created = published.Single(c => c.Kind == OrderChangeKind.Created);
        Assert.NotNull(created.Card);
        Assert.NotEmpty(created.Notifications!);
        Assert.NotNull(published.Single(c => c.Kind == OrderChangeKind.Commented).Comment);
        Assert.NotEmpty(published.Single(c => c.Kind == OrderChangeKind.Commented).Notifications!);
        Assert.Contains(published, c => c.Kind == OrderChangeKind.Attachments);
        Assert.Contains(published, c => c.Kind == OrderChangeKind.Notice && c.Notifications is { Count: > 0 });
        Assert.Contains(published, c => c.Kind == OrderChangeKind.Transition && c.Card is not null);

        foreach (var change in published)
        {
            var json = LiveJson.Write(change);
            var back = LiveJson.Read<OrderChanged>(json);
            AssertSame(change, back);
            Assert.Equal(json, LiveJson.Write(back));
        }
    }

    [Fact]
    public void ASubOrdersAudience_KeepsItsParent_AndTimesKeepTheirKind()
    {
        var parent = new OrderAudience(OrderStatus.InProgress, 1, 2, 3, 4, [5, 6]);
        var change = new OrderChanged(OrderChangeKind.Transition, 9, 3, new OrderAudience(OrderStatus.New, 1, 3, 7, null, [8], 2, parent, 10), 3, 1,
            new DateTime(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc), OrderEventKind.Forwarded);

        var back = LiveJson.Read<OrderChanged>(LiveJson.Write(change));

        AssertSame(change, back);
        Assert.Equal(DateTimeKind.Utc, back.At.Kind);
    }

    /// <summary>Field by field: records compare their lists by reference, so those are compared by content here.</summary>
    private static void AssertSame(OrderChanged expected, OrderChanged actual)
    {
        AssertSame(expected.Audience, actual.Audience);
        Assert.Equal(expected.Notifications ?? [], actual.Notifications ?? []);
        Assert.Equal(expected.Card, actual.Card);
        Assert.Equal(expected.Comment, actual.Comment);
        Assert.Equal(expected with { Audience = actual.Audience, Notifications = actual.Notifications }, actual);
    }

    private static void AssertSame(OrderAudience? expected, OrderAudience? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.CoExecutorIds, actual.CoExecutorIds);
        AssertSame(expected.Parent, actual.Parent);
        Assert.Equal(expected with { CoExecutorIds = actual.CoExecutorIds, Parent = actual.Parent }, actual);
    }
}
