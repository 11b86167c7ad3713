"""The initial assessment (初始测评) against a standard library: answers, evidence, scores, reports."""
