namespace HotlineDispatch.Deadlines;

/// <summary>Electronic-supervision cards recorded against a department (docs/domain.md §4).</summary>
// sbyte: every ticket and history entry holds it, and it is stored with the same encoding the int had.
public enum CardKind : sbyte
{
    /// <summary>黄牌预警: most of the limit has elapsed with the step not done.</summary>
    Yellow,

    /// <summary>红牌 / 超期: the limit has passed.</summary>
    Red,
}
