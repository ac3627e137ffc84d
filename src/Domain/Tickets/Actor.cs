namespace HotlineDispatch.Tickets;

/// <summary>Who performs a step: recorded in the history, and checked where the step belongs to one department.</summary>
[GenerateSerializer, Immutable, Alias("hotline.actor.v1")]
public sealed record Actor(
    [property: Id(0)] string Name,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Department = null,
    [property: Id(3)] string? UserId = null)
{
    /// <summary>The dispatcher itself, for steps taken by the system (cards, merges, automatic dispatch).</summary>
    public static Actor System { get; } = new("system", "system");

    /// <summary>The upper (city or provincial) 12345 platform, for the tickets it hands down.</summary>
    public static Actor Platform { get; } = new("platform", "platform");
}
