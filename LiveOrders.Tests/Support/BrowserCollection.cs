namespace LiveOrders.Tests.Browser;

// Run apart from the other test classes: browser timing should not compete with them for the two cores.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<LiveOrders.Tests.Support.BrowserFixture>
{
    public const string Name = "browser";
}
