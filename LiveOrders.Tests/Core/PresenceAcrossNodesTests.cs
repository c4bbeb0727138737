using LiveOrders.Core.Live;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveOrders.Tests.Core;

/// <summary>How another node's people join this node's presence, without a transport: what the relay hands in.</summary>
public sealed class PresenceAcrossNodesTests
{
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AnotherNodesMembers_AreShownWithOurs_OncePerPerson_UntilThatNodeIsForgotten()
    {
        var presence = new Presence(_clock, NullLogger<Presence>.Instance);
        var told = 0;
        using var mine = presence.Join("order:7", new PresenceMember(Guid.NewGuid(), 1, "Иванов"), () => told++);

        presence.ApplyRemote("node-b", "order:7", [new(Guid.NewGuid(), 2, "Петров"), new(Guid.NewGuid(), 1, "Иванов")]);
        Assert.Equal(["Иванов", "Петров"], presence.Members("order:7").Select(m => m.Name));
        Assert.Equal(2, told);

        presence.ForgetNode("node-b");
        Assert.Equal(["Иванов"], presence.Members("order:7").Select(m => m.Name));
        Assert.Equal(3, told);
    }

    [Fact]
    public void AnotherNodesEmptyAnnouncement_RemovesItsPeopleFromTheTopic()
    {
        var presence = new Presence(_clock, NullLogger<Presence>.Instance);
        presence.ApplyRemote("node-b", "board:3", [new(Guid.NewGuid(), 2, "Петров")]);
        Assert.Single(presence.Members("board:3"));

        presence.ApplyRemote("node-b", "board:3", []);

        Assert.Empty(presence.Members("board:3"));
        Assert.Empty(presence.RemoteNodes());
    }

    [Fact]
    public void OurChanges_AreAnnounced_AndTypingAgainOnlyBeforeTheMarkGoesStaleElsewhere()
    {
        var presence = new Presence(_clock, NullLogger<Presence>.Instance);
        var announced = new List<string>();
        presence.LocalChanged += announced.Add;
        var session = Guid.NewGuid();

        var membership = presence.Join("order:7", new PresenceMember(session, 1, "Иванов"), () => { });
        presence.Typing("order:7", session);
        _clock.Advance(TimeSpan.FromSeconds(1));
        presence.Typing("order:7", session); // a key a second later: the others' mark is still fresh
        _clock.Advance(TimeSpan.FromSeconds(2));
        presence.Typing("order:7", session); // three seconds in: told again before it fades there
        membership.Dispose();

        Assert.Equal(4, announced.Count);
        Assert.All(announced, topic => Assert.Equal("order:7", topic));
        Assert.Empty(presence.LocalMembers("order:7"));
    }
}
