"""The command-line face: argparse, one module per command."""
