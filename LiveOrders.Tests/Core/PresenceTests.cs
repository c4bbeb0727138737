using LiveOrders.Core.Live;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveOrders.Tests.Core;

public sealed class PresenceTests
{
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Members_AreThoseWhoJoined_OncePerPerson_UntilTheyLeave()
    {
        var presence = new Presence(_clock, NullLogger<Presence>.Instance);
        var changes = 0;
        using var a = presence.Join("board:1", new PresenceMember(Guid.NewGuid(), 1, "Иванов"), () => changes++);
        var b1 = presence.Join("board:1", new PresenceMember(Guid.NewGuid(), 2, "Петров"), () => { });
        using var b2 = presence.Join("board:1", new PresenceMember(Guid.NewGuid(), 2, "Петров"), () => { });
        using var elsewhere = presence.Join("board:2", new PresenceMember(Guid.NewGuid(), 3, "Сидоров"), () => { });

        Assert.Equal(["Иванов", "Петров"], presence.Members("board:1").Select(m => m.Name));
        b1.Dispose();
        Assert.Equal(["Иванов", "Петров"], presence.Members("board:1").Select(m => m.Name)); // second tab still open
        b2.Dispose();
        Assert.Equal(["Иванов"], presence.Members("board:1").Select(m => m.Name));
        Assert.True(changes >= 3);
    }

    [Fact]
    public void Typing_ShowsForAFewSeconds_ThenFades()
    {
        var presence = new Presence(_clock, NullLogger<Presence>.Instance);
        var session = Guid.NewGuid();
        using var _ = presence.Join("order:7", new PresenceMember(session, 1, "Иванов"), () => { });

        presence.Typing("order:7", session);
        Assert.NotNull(Assert.Single(presence.Members("order:7")).TypingUntil);

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(Assert.Single(presence.Members("order:7")).TypingUntil);
    }
}
