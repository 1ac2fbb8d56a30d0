"""foa.engine"""
