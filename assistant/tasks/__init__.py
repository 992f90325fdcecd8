"""The model tasks: ``suggest`` (draft an indicator set), ``rewrite`` (vague → measurable) and ``critique``
(what rules cannot decide). Each works with no endpoint through the rules backend; ``assistant.llm`` and
``openai`` load only when a model is asked."""
