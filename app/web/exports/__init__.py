"""What leaves the page: the Word document and the HTML and PDF reports."""
