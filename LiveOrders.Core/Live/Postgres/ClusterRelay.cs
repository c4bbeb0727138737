using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LiveOrders.Core.Control;
using LiveOrders.Core.Integrations;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Templates;
using LiveOrders.Core.Webhooks;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Core.Live.Postgres;

/// <summary>
/// Carries what lives in one process to the other nodes, over <see cref="PostgresLiveFeed"/>:
/// <list type="bullet">
/// <item>a moved or deactivated person (<see cref="ActorDirectory.InvalidatedHere"/>), a revoked wall link
/// (<see cref="DisplayLinks.RevokedHere"/>) and a revoked API key (its hub connections close) as journal rows, so a node that was briefly away still learns of them (and
/// after a gap checks everyone again); so are changed departments (<see cref="StructureChanges"/>) and templates
/// (<see cref="TemplateChanges"/>), for the screens that list them, and the webhook sender's and administrators' activity
/// (<see cref="WebhookActivity"/>, at most one row per <see cref="WebhookActivityEvery"/>), for the webhooks page;</item>
/// <item>presence as signals: each node announces its members of a topic when they change, says it is alive every
/// <see cref="PostgresFeedOptions.Heartbeat"/>, and forgets a node silent for <see cref="PostgresFeedOptions.PresenceTtl"/>
/// (a killed node's people disappear within seconds). A node that (re)connects asks everyone to announce again.</item>
/// </list>
/// </summary>
public sealed class ClusterRelay : IDisposable
{
    private const string PersonKind = "person";
    private const string DisplayKind = "display";
    private const string ApiKeyKind = "apikey";
    private const string StructureKind = "structure";
    private const string TemplateKind = "template";
    private const string WebhookKind = "webhook";
    // NOTIFY refuses payloads of 8000 bytes and more: a crowded topic's members are announced in several parts under this.
    internal const int MaxSignalBytes = 7500;

    private readonly PostgresLiveFeed _feed;
    private readonly ActorDirectory _directory;
    private readonly DisplayLinks _links;
    private readonly ApiKeys _keys;
    private readonly Presence _presence;
    private readonly StructureChanges _structure;
    private readonly TemplateChanges _templates;
    private readonly WebhookActivity _webhooks;
    private readonly PostgresFeedOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, DateTime> _seen = new();
    private readonly ITimer _heartbeat;
    private readonly ITimer _reconcile;
    private int _reconciling;
    // The latest revocation stamps announced so far: a check announces only what was revoked since then, less
    // RevocationMargin, instead of every link and key ever revoked.
    private readonly object _marks = new();
    private DateTime? _linksMark, _keysMark;
    private readonly ITimer _webhookWindow;
    private readonly object _webhookGate = new();
    private bool _webhookHeld, _webhookMore;

    /// <summary>
    /// The sender records up to hundreds of attempts a second, each a <see cref="WebhookActivity"/> notification; a
    /// journal row (and NOTIFY) for each would load every node for a page that re-reads at most once a second anyway.
    /// So the first of a burst goes out at once, the rest of it as one row when this window ends.
    /// </summary>
    internal static readonly TimeSpan WebhookActivityEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far before the latest stamp seen a check looks again: a revocation stamped earlier may commit later, and
    /// nodes' clocks differ by a little. Both are far under five minutes.
    /// </summary>
    internal static readonly TimeSpan RevocationMargin = TimeSpan.FromMinutes(5);
    private readonly object _announcing = new();
    // Announcements in several parts, as far as they have arrived, by (node, topic): the next part expected, the members
    // so far. Only the feed's listening loop touches it (it raises the signals one by one).
    private readonly Dictionary<(string Node, string Topic), (int Next, List<PresenceMember> Members)> _arriving = new();

    /// <summary>
    /// What goes on the presence channel: <c>m</c>embers of a topic, <c>h</c>eartbeat, <c>s</c>ync request, <c>b</c>ye.
    /// A topic's members may take several signals: <c>P</c> numbers them from 0, <c>More</c> says another follows.
    /// </summary>
    internal sealed record PresenceSignal(string K, string N, string? T = null, IReadOnlyList<PresenceMember>? M = null, int P = 0,
        bool More = false);

    public ClusterRelay(PostgresLiveFeed feed, ActorDirectory directory, DisplayLinks links, ApiKeys keys, Presence presence,
        StructureChanges structure, TemplateChanges templates, WebhookActivity webhooks, PostgresFeedOptions options, TimeProvider clock,
        ILogger<ClusterRelay> logger)
    {
        (_feed, _directory, _links, _keys, _presence, _options, _clock, _logger) = (feed, directory, links, keys, presence, options, clock, logger);
        (_structure, _templates, _webhooks) = (structure, templates, webhooks);
        structure.NotifiedHere += OnStructureChangedHere;
        templates.NotifiedHere += OnTemplateChangedHere;
        webhooks.NotifiedHere += OnWebhookActivityHere;
        feed.On(StructureKind, _ => structure.NotifyFromElsewhere());
        feed.On(TemplateKind, body => templates.NotifyFromElsewhere(LiveJson.Read<TemplateChanged>(body)));
        feed.On(WebhookKind, _ => webhooks.NotifyFromElsewhere());
        _webhookWindow = clock.CreateTimer(_ => OnWebhookWindowEnded(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        directory.InvalidatedHere += OnInvalidatedHere;
        links.RevokedHere += OnRevokedHere;
        keys.RevokedHere += OnKeyRevokedHere;
        presence.LocalChanged += Announce;
        feed.On(PersonKind, body => directory.InvalidateFromElsewhere(int.Parse(body, CultureInfo.InvariantCulture)));
        feed.On(DisplayKind, body => links.RevokedElsewhere(int.Parse(body, CultureInfo.InvariantCulture)));
        feed.On(ApiKeyKind, body => keys.RevokedElsewhere(int.Parse(body, CultureInfo.InvariantCulture)));
        feed.Gap += OnGap;
        feed.Signalled += OnSignal;
        feed.Connected += OnConnected;
        _heartbeat = clock.CreateTimer(_ => Beat(), null, options.Heartbeat, options.Heartbeat);
        _reconcile = clock.CreateTimer(_ => Reconcile(), null, options.Reconcile, options.Reconcile);
    }

    private void OnInvalidatedHere(int employeeId) => _feed.Broadcast(PersonKind, employeeId.ToString(CultureInfo.InvariantCulture));

    private void OnRevokedHere(int linkId) => _feed.Broadcast(DisplayKind, linkId.ToString(CultureInfo.InvariantCulture));

    private void OnKeyRevokedHere(int keyId) => _feed.Broadcast(ApiKeyKind, keyId.ToString(CultureInfo.InvariantCulture));

    private void OnStructureChangedHere() => _feed.Broadcast(StructureKind, "");

    private void OnTemplateChangedHere(TemplateChanged change) => _feed.Broadcast(TemplateKind, LiveJson.Write(change));

    private void OnWebhookActivityHere()
    {
        lock (_webhookGate)
        {
            if (_webhookHeld)
            {
                _webhookMore = true;
                return;
            }
            _webhookHeld = true;
            _webhookWindow.Change(WebhookActivityEvery, Timeout.InfiniteTimeSpan);
        }
        _feed.Broadcast(WebhookKind, "");
    }

    /// <summary>The window after a row ends: what came during it goes out as one row, which opens the next window.</summary>
    private void OnWebhookWindowEnded()
    {
        lock (_webhookGate)
        {
            (_webhookHeld, _webhookMore) = (_webhookMore, false);
            if (!_webhookHeld) return;
            _webhookWindow.Change(WebhookActivityEvery, Timeout.InfiniteTimeSpan);
        }
        _feed.Broadcast(WebhookKind, "");
    }

    private void OnGap()
    {
        _directory.InvalidateEveryone();
        // Department lists reload (cheap); an open templates page reloads with its next change (a gap names no template).
        _structure.NotifyFromElsewhere();
        // The webhooks page re-reads (a few queries, coalesced by the page): it may have missed the sender's attempts.
        _webhooks.NotifyFromElsewhere();
        _ = Task.Run(async () =>
        {
            try { await AnnounceRevokedAgainAsync(all: true); }
            catch (Exception e) { _logger.LogError(e, "Could not announce the revoked wall links and API keys again after a gap in the live feed"); }
        });
    }

    /// <summary>
    /// A person's, a wall link's or an API key's message is journalled just after its change commits: a node that died in
    /// between lost it. Now and then each node checks from the database what such a message would have told it.
    /// </summary>
    private void Reconcile()
    {
        if (Interlocked.Exchange(ref _reconciling, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await _directory.CheckIssuedAsync();
                await AnnounceRevokedAgainAsync(all: false);
            }
            catch (Exception e) { _logger.LogWarning(e, "Could not check people, wall links and API keys against the database"); }
            finally { Volatile.Write(ref _reconciling, 0); }
        });
    }

    /// <summary>After a gap every revocation is announced again (the node may have missed any); a check announces the recent ones.</summary>
    private async Task AnnounceRevokedAgainAsync(bool all)
    {
        DateTime? linksSince, keysSince;
        lock (_marks) (linksSince, keysSince) = all ? (null, null) : (_linksMark - RevocationMargin, _keysMark - RevocationMargin);
        var links = await _links.AnnounceRevokedAsync(linksSince);
        var keys = await _keys.AnnounceRevokedAsync(keysSince);
        lock (_marks) (_linksMark, _keysMark) = (Later(_linksMark, links), Later(_keysMark, keys));
    }

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private void OnConnected()
    {
        // Others may have forgotten this node while it was away, and it may have missed their changes: all announce again.
        _feed.Signal(Write(new PresenceSignal("s", _feed.Node)));
        foreach (var topic in _presence.LocalTopics()) Announce(topic);
    }

    private void Announce(string topic)
    {
        // An announcement's parts are queued together, never between another's, so the other nodes can join them up
        // (signals go out one after another, and NOTIFY delivers them in that order).
        lock (_announcing)
            foreach (var part in Parts(_feed.Node, topic, _presence.LocalMembers(topic)))
                _feed.Signal(part);
    }

    /// <summary>A topic's members as signals each under <see cref="MaxSignalBytes"/>: one, or as many as a crowd needs.</summary>
    internal static IReadOnlyList<string> Parts(string node, string topic, IReadOnlyList<PresenceMember> members)
    {
        // The envelope (kind, node, topic, part number) measured once with no members; then each member's own bytes.
        var envelope = Encoding.UTF8.GetByteCount(Write(new PresenceSignal("m", node, topic, [], int.MaxValue, true)));
        var groups = new List<List<PresenceMember>> { new() };
        var size = envelope;
        foreach (var member in members)
        {
            var bytes = Encoding.UTF8.GetByteCount(LiveJson.Write(member)) + 1;
            if (size + bytes > MaxSignalBytes && groups[^1].Count > 0)
            {
                groups.Add([]);
                size = envelope;
            }
            groups[^1].Add(member);
            size += bytes;
        }
        return groups.Select((group, i) => Write(new PresenceSignal("m", node, topic, group, i, i < groups.Count - 1))).ToList();
    }

    /// <summary>
    /// Joins an announcement's parts; the members once the last has come, else null. A part out of turn (one was
    /// lost) drops the announcement: the topic's next change announces it again.
    /// </summary>
    private IReadOnlyList<PresenceMember>? Assemble(PresenceSignal signal, string topic)
    {
        var key = (signal.N, topic);
        var members = signal.M ?? [];
        if (signal.P == 0 && !signal.More)
        {
            _arriving.Remove(key);
            return members;
        }
        if (signal.P == 0) _arriving[key] = (0, []);
        if (!_arriving.TryGetValue(key, out var sofar) || sofar.Next != signal.P)
        {
            _arriving.Remove(key);
            return null;
        }
        sofar.Members.AddRange(members);
        if (signal.More)
        {
            _arriving[key] = (sofar.Next + 1, sofar.Members);
            return null;
        }
        _arriving.Remove(key);
        return sofar.Members;
    }

    private void Beat()
    {
        _feed.Signal(Write(new PresenceSignal("h", _feed.Node)));
        var silentSince = _clock.GetUtcNow().UtcDateTime - _options.PresenceTtl;
        foreach (var (node, seen) in _seen)
        {
            if (seen >= silentSince || !_seen.TryRemove(KeyValuePair.Create(node, seen))) continue;
            _logger.LogInformation("Node {Node} went silent: its people leave", node);
            _presence.ForgetNode(node);
        }
    }

    private void OnSignal(string payload)
    {
        PresenceSignal signal;
        try { signal = LiveJson.Read<PresenceSignal>(payload); }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Unreadable presence signal");
            return;
        }
        if (signal.N == _feed.Node) return;
        var known = _seen.ContainsKey(signal.N);
        _seen[signal.N] = _clock.GetUtcNow().UtcDateTime;
        switch (signal.K)
        {
            case "m" when signal.T is { } topic:
                if (Assemble(signal, topic) is { } members) _presence.ApplyRemote(signal.N, topic, members);
                break;
            case "s":
                foreach (var topic in _presence.LocalTopics()) Announce(topic);
                break;
            case "b":
                _seen.TryRemove(signal.N, out _);
                foreach (var key in _arriving.Keys.Where(k => k.Node == signal.N).ToList()) _arriving.Remove(key);
                _presence.ForgetNode(signal.N);
                break;
            case "h" when !known:
                // A node this one had forgotten (or never heard of) is back: it asks it to say who it has.
                _feed.Signal(Write(new PresenceSignal("s", _feed.Node)));
                break;
        }
    }

    /// <summary>Says goodbye, so the others forget this node's people at once rather than after the time to live.</summary>
    public void Leave() => _feed.Signal(Write(new PresenceSignal("b", _feed.Node)));

    private static string Write(PresenceSignal signal) => LiveJson.Write(signal);

    public void Dispose()
    {
        _heartbeat.Dispose();
        _reconcile.Dispose();
        _webhookWindow.Dispose();
        _webhooks.NotifiedHere -= OnWebhookActivityHere;
        _directory.InvalidatedHere -= OnInvalidatedHere;
        _links.RevokedHere -= OnRevokedHere;
        _keys.RevokedHere -= OnKeyRevokedHere;
        _structure.NotifiedHere -= OnStructureChangedHere;
        _templates.NotifiedHere -= OnTemplateChangedHere;
        _presence.LocalChanged -= Announce;
        _feed.Gap -= OnGap;
        _feed.Signalled -= OnSignal;
        _feed.Connected -= OnConnected;
    }
}
