"""Reading news articles into draft facts for a person to review.

``reading`` turns a file into text, ``furniture`` finds page furniture, ``sentences``
splits the text, ``dates``, ``numbers`` and ``entities`` find what the sentences name
(``titles`` says where an office ends and a name begins),
``events`` reads events and agreements, ``claims`` statements, ``flows`` where persons go
and come from, ``proposal`` gathers it all,
``draft`` turns it into facts, ``store`` writes a source folder and ``review`` lets a
person decide on each proposal.
"""
