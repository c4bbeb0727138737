using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Core.Live;

/// <summary>Someone looking at a screen (a board, an order) right now; one per open page.</summary>
public sealed record PresenceMember(Guid Session, int EmployeeId, string Name, DateTime? TypingUntil = null);

/// <summary>
/// Who is looking at what, and who is typing. In memory, like the feed: each open page joins a
/// topic ("board:7", "order:42") and leaves when disposed; watchers of the topic are told of every change.
/// </summary>
public sealed class Presence(TimeProvider clock, ILogger<Presence> logger)
{
    private static readonly TimeSpan TypingLasts = TimeSpan.FromSeconds(4);
    private readonly ConcurrentDictionary<string, Topic> _topics = new();

    private sealed class Topic
    {
        public readonly ConcurrentDictionary<Guid, PresenceMember> Members = new();
        public readonly ConcurrentDictionary<Guid, Action> Watchers = new();
    }

    /// <summary>Joins the topic as <paramref name="member"/> and watches it; dispose to leave.</summary>
    public IDisposable Join(string topic, PresenceMember member, Action onChange)
    {
        var t = _topics.GetOrAdd(topic, _ => new Topic());
        t.Watchers[member.Session] = onChange;
        t.Members[member.Session] = member;
        Notify(t);
        return new Leave(this, topic, member.Session);
    }

    /// <summary>Everyone on the topic, one entry per person (a person with two tabs counts once), typing marks still fresh.</summary>
    public IReadOnlyList<PresenceMember> Members(string topic)
    {
        if (!_topics.TryGetValue(topic, out var t)) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        return t.Members.Values
            .GroupBy(m => m.EmployeeId)
            .Select(g => g.OrderByDescending(m => m.TypingUntil ?? DateTime.MinValue).First())
            .Select(m => m.TypingUntil < now ? m with { TypingUntil = null } : m)
            .OrderBy(m => m.Name)
            .ToList();
    }

    /// <summary>Marks the member as typing for a few seconds; watchers are told at the start, not at every key.</summary>
    public void Typing(string topic, Guid session)
    {
        if (!_topics.TryGetValue(topic, out var t) || !t.Members.TryGetValue(session, out var member)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var wasTyping = member.TypingUntil > now;
        t.Members[session] = member with { TypingUntil = now + TypingLasts };
        if (wasTyping) return;
        Notify(t);
        // Tell the watchers again once the typing mark has gone stale, so "печатает…" disappears by itself.
        ITimer? timer = null;
        timer = clock.CreateTimer(_ => { Notify(t); timer?.Dispose(); }, null, TypingLasts + TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
    }

    private void Notify(Topic t)
    {
        foreach (var watcher in t.Watchers.Values)
        {
            try { watcher(); }
            catch (Exception e) { logger.LogWarning(e, "Presence watcher failed"); }
        }
    }

    private sealed class Leave(Presence presence, string topic, Guid session) : IDisposable
    {
        public void Dispose()
        {
            if (!presence._topics.TryGetValue(topic, out var t)) return;
            t.Watchers.TryRemove(session, out _);
            if (t.Members.TryRemove(session, out _)) presence.Notify(t);
            if (t.Members.IsEmpty) presence._topics.TryRemove(KeyValuePair.Create(topic, t));
        }
    }
}
