namespace HotlineDispatch.Tickets;

/// <summary>The resident's answer to the return visit: 1 满意, 2 基本满意, 3 不满意.</summary>
// sbyte: every ticket and history entry holds it, and it is stored with the same encoding the int had.
public enum SurveyRating : sbyte
{
    Satisfied,
    Basic,
    Dissatisfied,
}
