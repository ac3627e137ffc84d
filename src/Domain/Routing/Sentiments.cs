namespace HotlineDispatch.Routing;

/// <summary>The sentiment labels of docs/api.md, the same as Azure AI Language's.</summary>
public static class Sentiments
{
    public const string Positive = "positive";
    public const string Neutral = "neutral";
    public const string Negative = "negative";
    public const string Mixed = "mixed";

    public static bool IsKnown(string? value) => value is Positive or Neutral or Negative or Mixed;
}
