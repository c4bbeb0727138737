using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Core.Live;

/// <summary>Someone looking at a screen (a board, an order) right now; one per open page.</summary>
public sealed record PresenceMember(Guid Session, int EmployeeId, string Name, DateTime? TypingUntil = null);

/// <summary>
/// Who is looking at what, and who is typing. In memory, like the feed: each open page joins a
/// topic ("board:7", "order:42") and leaves when disposed; watchers of the topic are told of every change.
/// <para>
/// With several nodes, a relay (<see cref="Postgres.ClusterRelay"/>) announces this node's members of a topic whenever
/// they change (<see cref="LocalChanged"/>) and hands in the other nodes' (<see cref="ApplyRemote"/>); a node that stops
/// announcing itself is forgotten (<see cref="ForgetNode"/>), its people with it.
/// </para>
/// </summary>
public sealed class Presence(TimeProvider clock, ILogger<Presence> logger)
{
    private static readonly TimeSpan TypingLasts = TimeSpan.FromSeconds(4);
    private readonly ConcurrentDictionary<string, Topic> _topics = new();

    private sealed class Topic
    {
        public readonly ConcurrentDictionary<Guid, PresenceMember> Members = new();
        public readonly ConcurrentDictionary<Guid, Action> Watchers = new();
        /// <summary>The other nodes' members of this topic, by node, as each last announced them.</summary>
        public readonly ConcurrentDictionary<string, IReadOnlyList<PresenceMember>> Remote = new();
        /// <summary>Until when each local typing mark was last announced to the other nodes.</summary>
        public readonly ConcurrentDictionary<Guid, DateTime> AnnouncedTyping = new();
        public bool IsEmpty => Members.IsEmpty && Remote.IsEmpty;
    }

    /// <summary>Raised with a topic when this node's members of it changed (someone joined, left or started typing).</summary>
    public event Action<string>? LocalChanged;

    /// <summary>Joins the topic as <paramref name="member"/> and watches it; dispose to leave.</summary>
    public IDisposable Join(string topic, PresenceMember member, Action onChange)
    {
        var t = _topics.GetOrAdd(topic, _ => new Topic());
        t.Watchers[member.Session] = onChange;
        t.Members[member.Session] = member;
        Notify(t);
        Announce(topic);
        return new Leave(this, topic, member.Session);
    }

    /// <summary>Everyone on the topic, one entry per person (a person with two tabs counts once), typing marks still fresh.</summary>
    public IReadOnlyList<PresenceMember> Members(string topic)
    {
        if (!_topics.TryGetValue(topic, out var t)) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        return t.Members.Values.Concat(t.Remote.Values.SelectMany(m => m))
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
        // Other nodes see the mark they were last told of: tell them again before it goes stale there, not at every key.
        if (!t.AnnouncedTyping.TryGetValue(session, out var announced) || announced - now < TypingLasts / 2)
        {
            t.AnnouncedTyping[session] = now + TypingLasts;
            Announce(topic);
        }
        if (wasTyping) return;
        Notify(t);
        StaleLater(t, TypingLasts);
    }

    /// <summary>This node's own members of <paramref name="topic"/>, as the relay announces them.</summary>
    public IReadOnlyList<PresenceMember> LocalMembers(string topic) =>
        _topics.TryGetValue(topic, out var t) ? t.Members.Values.ToList() : [];

    /// <summary>The topics this node has members on (announced in full when another node asks).</summary>
    public IReadOnlyList<string> LocalTopics() => _topics.Where(t => !t.Value.Members.IsEmpty).Select(t => t.Key).ToList();

    /// <summary>Another node's members of <paramref name="topic"/> now (none: it has nobody there any more).</summary>
    public void ApplyRemote(string node, string topic, IReadOnlyList<PresenceMember> members)
    {
        if (members.Count == 0)
        {
            if (_topics.TryGetValue(topic, out var gone) && gone.Remote.TryRemove(node, out _))
            {
                Notify(gone);
                RemoveIfEmpty(topic, gone);
            }
            return;
        }
        var t = _topics.GetOrAdd(topic, _ => new Topic());
        t.Remote[node] = members;
        Notify(t);
        var now = clock.GetUtcNow().UtcDateTime;
        if (members.Max(m => m.TypingUntil) is { } typingUntil && typingUntil > now) StaleLater(t, typingUntil - now);
    }

    /// <summary>A node went away (stopped, or silent past its time to live): its people leave every topic.</summary>
    public void ForgetNode(string node)
    {
        foreach (var (topic, t) in _topics)
        {
            if (!t.Remote.TryRemove(node, out _)) continue;
            Notify(t);
            RemoveIfEmpty(topic, t);
        }
    }

    /// <summary>The nodes this node holds members of (for tests and the relay's bookkeeping).</summary>
    public IReadOnlyCollection<string> RemoteNodes() => _topics.Values.SelectMany(t => t.Remote.Keys).Distinct().ToList();

    private void Announce(string topic)
    {
        try { LocalChanged?.Invoke(topic); }
        catch (Exception e) { logger.LogWarning(e, "Presence relay failed"); }
    }

    // Tells the watchers again once a typing mark has gone stale, so "печатает…" disappears by itself.
    private void StaleLater(Topic t, TimeSpan after)
    {
        ITimer? timer = null;
        timer = clock.CreateTimer(_ => { Notify(t); timer?.Dispose(); }, null, after + TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
    }

    private void RemoveIfEmpty(string topic, Topic t)
    {
        if (t.IsEmpty) _topics.TryRemove(KeyValuePair.Create(topic, t));
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
            t.AnnouncedTyping.TryRemove(session, out _);
            if (t.Members.TryRemove(session, out _))
            {
                presence.Notify(t);
                presence.Announce(topic);
            }
            presence.RemoveIfEmpty(topic, t);
        }
    }
}
